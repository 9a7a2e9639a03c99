"""An aiosmtpd server on a free local port that records what it receives.

It can refuse connections for a while (`stop()` / `start()` on the same port)
and answer chosen recipients with an SMTP error, a given number of times."""

import logging
import socket
import threading
from collections import Counter
from dataclasses import dataclass
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO: thousands of lines per test.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    # aiosmtpd 1.4.6 does not accept port=0.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Received:
    recipient: str
    message_id: str
    headers: dict


class SmtpSink:
    def __init__(self, port: int | None = None, *, parse_headers: bool = True) -> None:
        self.port = port or free_port()
        self.parse_headers = parse_headers  # off for the benchmark: count only
        self.received: list[Received] = []
        # recipient -> [reply, times]: answer `reply` to RCPT that many times.
        self.replies: dict[str, list] = {}
        self._lock = threading.Lock()
        self._controller: Controller | None = None
        self._parser = BytesHeaderParser()

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self._lock:
            planned = self.replies.get(address)
            if planned and planned[1] > 0:
                planned[1] -= 1
                return planned[0]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        summary = {"Message-ID": ""}
        if self.parse_headers:
            headers = self._parser.parsebytes(envelope.content)
            wanted = ("Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Subject", "To")
            summary = {name: " ".join(str(headers.get(name, "")).split()) for name in wanted}
        with self._lock:
            for recipient in envelope.rcpt_tos:
                self.received.append(Received(recipient, summary["Message-ID"], summary))
        return "250 Message accepted"

    # control
    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None

    def counts(self) -> Counter:
        with self._lock:
            return Counter(item.recipient for item in self.received)

    def message_ids(self, recipient: str) -> set[str]:
        with self._lock:
            return {item.message_id for item in self.received if item.recipient == recipient}
