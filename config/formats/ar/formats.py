# Day before month, written left to right as Moroccan forms write it (02/12/2026), without the
# right-to-left marks of Django's Arabic formats, which turn it into 2026/12/02 on screen.
# Month names are the Moroccan ones (يناير ... دجنبر), from the project's catalogue.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
