"""Month names as the project's readers write them. Django formats dates with its own
catalogue's names; these entries in the project's catalogue come first, so that Arabic dates
read as in Morocco (ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر) rather than in the Mashreq's
forms. Listed here so that makemessages keeps them in the catalogue."""

from django.utils.translation import gettext_noop

MONTH_NAMES = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
