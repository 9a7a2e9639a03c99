"""Guidance from DOMAIN.md and the seeds, shown beside the forms it applies to."""

DECLINING = [
    "Explain the reasons clearly, with care for local sensitivities.",
    "A refusal is not a judgement of the other organisation: say so.",
]

# Seed 001, on the principle of mutuality.
DECLINING_SUPPORT = [
    *DECLINING,
    "Winning their support for human rights was never conditional on ours; thank them "
    "for asking and acknowledge the importance of their cause.",
    "Do not leave the impression that our objectives, independence or impartiality matter "
    "more than the objectives of the organisation that asked us.",
    "Where we can, say what we can do instead (support in part, share information, "
    "refer them to others).",
]
