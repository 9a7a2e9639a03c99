from .organisations import Affiliation, Organisation

__all__ = ["Affiliation", "Organisation"]
