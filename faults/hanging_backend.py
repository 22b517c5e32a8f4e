"""A backend that accepts every TCP connection and never answers: a hung Prometheus or health endpoint.

Usage: python3 hanging_backend.py <port>
Connections stay open (the client sees neither a response nor a reset) until the client gives up.
"""
import socket
import sys


def main():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", int(sys.argv[1])))
    server.listen(1024)
    held = []
    while True:
        connection, _ = server.accept()
        held.append(connection)


if __name__ == "__main__":
    main()
