"""Fixed vocabulary of the Campaign Manual, kept free of model imports so that data
migrations may use it too."""

# Seed 001's chapters: the outreach sectors.
MANUAL_SECTORS = (
    "Business community",
    "Military and law enforcement",
    "The legal network",
    "Trade unions",
    "Youth activists",
    "Religious groups",
    "The medical sector",
    "Women's rights",
    "Children's rights",
    "The human rights movement",
)
