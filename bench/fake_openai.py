"""A local OpenAI-compatible chat-completions server that answers every request after a fixed delay.

Usage: python3 fake_openai.py <port> <delay-ms>

asyncio on one thread, not http.server's ThreadingHTTPServer: with a thread per connection and the GIL, the threaded
server answered 32 keep-alive connections at about 280 requests a second with a median of 92 ms for a 50 ms delay
(wrk, issue 21), less than half the 640 a second that 32 runs of 50 ms need, so bench/run-throughput.sh measured the
fake rather than run-service. Only what the clients of the benchmarks send is understood: HTTP/1.1 requests with a
Content-Length body (no chunked bodies), kept alive unless the client says "Connection: close".
"""
import asyncio
import json
import sys

DELAY = 0.05


def answer(request):
    prompt = request.get("messages", [{}])[-1].get("content", "")
    return json.dumps({
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "model": request.get("model", "bench"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "answer to " + prompt[:80]}}],
        "usage": {"prompt_tokens": max(1, len(prompt) // 4), "completion_tokens": 8,
                  "total_tokens": max(1, len(prompt) // 4) + 8},
    }).encode()


def response(status, body, close):
    head = (f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n")
    return head.encode() + body


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method = lines[0].split(" ", 1)[0]
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", 0)))
            close = headers.get("connection", "").lower() == "close"
            if method != "POST":
                writer.write(response("405 Method Not Allowed", b'{"error":"POST only"}', close))
            else:
                request = json.loads(body or b"{}")
                await asyncio.sleep(DELAY)
                writer.write(response("200 OK", answer(request), close))
            await writer.drain()
            if close:
                break
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    DELAY = int(sys.argv[2]) / 1000.0
    asyncio.run(main(int(sys.argv[1])))
