# Arabic writes dates as French does: day before month, left to right as Moroccan forms write
# them (02/12/2026), without the right-to-left marks of Django's Arabic formats, which turn
# them into 2026/12/02 on screen. Month names are the Moroccan ones (يناير ... دجنبر), from the
# project's catalogue.
from config.formats.fr.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "."
