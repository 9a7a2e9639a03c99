from config.formats.en.formats import *  # noqa: F403
