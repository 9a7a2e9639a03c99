"""Signal receivers: only the link partnerships cannot make itself (it does not import risk)."""

from .services import request_advice_attach


def attach_advice_to_new_request(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:  # fmt: skip
    if created and not raw:
        request_advice_attach(partnership_request=instance)
