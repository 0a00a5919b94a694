"""Danish sentences shared by every capability (each capability keeps its own beside its cards)."""

UNKNOWN_ACTION = (
    "Den knap kender jeg ikke. Kortet er måske fra en ældre version af MED-assistenten – skriv **hjælp** for at se, "
    "hvad jeg kan."
)
UNKNOWN_VERSION = (
    "Kortet er lavet af en anden version af MED-assistenten, så jeg har ikke gemt noget. Bed om et nyt kort, "
    "eller skriv **hjælp**."
)
INTERNAL_ERROR = (
    "Undskyld, der gik noget galt hos mig, og intet er gemt. Prøv igen om lidt – bliver det ved, så kontakt HR & Løn."
)
