"""A local OpenAI-compatible chat-completions server that answers every request after a fixed delay.

Usage: python3 fake_openai.py <port> <delay-ms>
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    delay = 0.05

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length) or b"{}")
        time.sleep(self.delay)
        prompt = request.get("messages", [{}])[-1].get("content", "")
        body = json.dumps({
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "model": request.get("model", "bench"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "answer to " + prompt[:80]}}],
            "usage": {"prompt_tokens": max(1, len(prompt) // 4), "completion_tokens": 8,
                      "total_tokens": max(1, len(prompt) // 4) + 8},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    Handler.delay = int(sys.argv[2]) / 1000.0
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
