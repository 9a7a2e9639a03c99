"""An e-mail backend that answers like an SMTP server would, per recipient."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

# address -> (code, reply) the "server" answers at RCPT time; set by tests.
REPLIES: dict[str, tuple[int, bytes]] = {}
# When set, opening a connection fails like a server that is down.
REFUSE_CONNECTIONS: list[bool] = [False]


class Backend(EmailBackend):
    def open(self):
        if REFUSE_CONNECTIONS[0]:
            raise ConnectionRefusedError(111, "Connection refused")
        return True

    def send_messages(self, messages):
        for message in messages:
            for address in message.recipients():
                if address in REPLIES:
                    raise smtplib.SMTPRecipientsRefused({address: REPLIES[address]})
        return super().send_messages(messages)


def reset() -> None:
    REPLIES.clear()
    REFUSE_CONNECTIONS[0] = False
    mail.outbox = []
