"""The shopper-facing themes and the hand-written seed rules that start them off.

The seed is a small hand-written vocabulary per theme: product-type words
("MUG", "LANTERN", "NOTEBOOK") and weaker motif words ("HEART", "GLASS").
The rules label the products they are sure of; a classifier trained on
those labels themes the rest (``kiosk.catalogue.classify``).
"""

from __future__ import annotations

import re

# key -> the name a shopper sees
THEMES: dict[str, str] = {
    "christmas": "Christmas",
    "party": "Party & celebrations",
    "candles_lights": "Candles & lights",
    "toys_games": "Toys & games",
    "jewellery_accessories": "Jewellery & accessories",
    "bathroom": "Bath & beauty",
    "bags": "Bags",
    "stationery": "Cards & stationery",
    "garden": "Garden & outdoors",
    "kitchen": "Kitchen & dining",
    "storage": "Storage & boxes",
    "home_decor": "Home decor",
    "other": "Other gifts",
}
OTHER = "other"

# Product-type words ("what it is"). Where a name holds several, the last
# one wins: these names end with the head noun ("RED POLKADOT PUDDING BOWL").
_PRODUCT_WORDS: dict[str, str] = {
    "christmas": r"CHRISTMAS|XMAS|SANTA|REINDEER|SNOWFLAKES?|SNOWMAN|ADVENT|NATIVITY|"
                 r"BAUBLES?|NOEL|SLEIGH",
    "party": r"PARTY|BIRTHDAY|BALLOONS?|BUNTING|NAPKINS?|CONFETTI|INVITES?|BANNER|"
             r"CAKE CASES|PAPER (?:PLATES?|CUPS?)|STRAWS?|GARLAND|"
             r"WEDDING|CELEBRATION|PINATA|DOILIES|DOILY|CRACKERS?|PETIT FOUR CASES",
    "candles_lights": r"CANDLES?|T-?LIGHTS?|TEA ?LIGHTS?|LANTERNS?|LIGHTS|LAMP|LED|"
                      r"NIGHT ?LIGHT|CANDLESTICK|CANDLEHOLDER|OIL BURNER|INCENSE|CHANDELIER|"
                      r"TORCH|LAMPSHADE|LIGHT HOLDER|MATCHES",
    "toys_games": r"TOYS?|GAMES?|PUZZLES?|JIGSAW|DOLLS?|DOLLY|TEDDY|SOLDIERS?|MARBLES|"
                  r"SKIPPING ROPE|DOMINOES|BLOCKS|YO-?YO|COLOURING|CRAYONS|PAINT SET|MAGIC|"
                  r"SPINNING TOP|HELICOPTER|RATTLE|PLAYHOUSE|KITS?|SNAKES|LADDERS|"
                  r"ROBOT|PLASTICINE|BUBBLES|FELTCRAFT|GLIDER|PISTOL|SPINNER|"
                  r"SOFT TOY|PUPPET|CARD GAME|SKITTLES|BINGO|KNITTING NANCY|TATTOOS|STENCIL|"
                  r"CRAFT|PAINT YOUR OWN",
    "jewellery_accessories": r"NECKLACE|BRACELET|EARRINGS?|BROOCH|HAIR ?CLIPS?|HAIR ?BAND|"
                             r"HAIR|CHARM|PENDANT|BEADS?|DIAMANTE|UMBRELLA|SCARF|HAT|"
                             r"SUNGLASSES|KEY ?RINGS?|KEYRING|WALLET|BANGLE|RING|TIARA|"
                             r"JEWELLERY|GLOVES|HAIRSLIDE|SLIDES|PASSPORT COVER|PURSE|"
                             r"HAND WARMER|SLIPPERS?|SOCKS?|EAR MUFFS?|BADGES?|FAN",
    "bathroom": r"BATH|SOAP|(?<!TEA )TOWEL|TOILET|SPONGE|WASHBAG|TOOTHBRUSH|SHOWER|"
                r"MAKE ?UP|TOILETRIES|LIP GLOSS|NAIL|SPA|BATHROOM|COSMETIC|MIRROR|"
                r"HOT WATER BOTTLE|BATHSALTS|TISSUES",
    "bags": r"BAGS?|SHOPPER|TOTE|HANDBAG|RUCKSACK|BACKPACK|SATCHEL",
    "stationery": r"CARDS?|NOTEBOOK|PENCILS?|PENS?|ERASERS?|STICKERS?|WRAP|GIFT WRAP|"
                  r"PAPER|ENVELOPES?|NOTEPAD|NOTE ?BOOK|DIARY|CALENDAR|JOURNAL|RULER|TAPE|"
                  r"LABELS?|TAGS?|STAMPS?|ALBUM|BOOKMARK|CHALK|MEMO|POSTCARD|SKETCHBOOK|"
                  r"ADDRESS BOOK|WRITING SET|RIBBONS?|SCISSORS?|STATIONERY|SCRAP ?BOOK|"
                  r"NOTE ?BOOKS",
    "garden": r"GARDENING|PLANTS?|PLANTERS?|FLOWER ?POT|CHIMES?|FLY SWAT|WATERING CAN|BIRD ?HOUSE|"
              r"BIRD FEEDER|BIRD TABLE|SEEDS?|TROWEL|HERB MARKER|GNOME|WIND CHIME|PARASOL|"
              r"OUTDOOR|WHEELBARROW|GREENHOUSE|SPADE|BIRDHOUSE|HAMMOCK|POTTING|"
              r"GARDEN (?:SET|TOOLS?|KNEELER|MARKERS?|SIGN|THERMOMETER)",
    "kitchen": r"MUGS?|CUPS?|SAUCERS?|PLATES?|BOWLS?|TEAPOT|TEA TOWELS?|JUG|CAKE ?STAND|"
               r"BAKING|CUTLERY|SPOONS?|APRON|OVEN GLOVE|LUNCH BOX|RECIPE|TRAY|EGG CUP|"
               r"CHOPPING BOARD|COASTERS?|PANTRY|KITCHEN|BEAKER|TUMBLERS?|MOULD|"
               r"GLASSES|CUTTERS?|SCALES|DISH|PLACEMATS?|LADLE|GRATER|"
               r"TEACUP|CAFETIERE|KETTLE|FORK|KNIFE|BREAD BIN|SALT|PEPPER|"
               r"PIZZA|DINNER|SQUEEZER|WATER BOTTLE|DRINKS? BOTTLE|TEA SET|CAKE TIN|PLATTER|"
               r"CANN?ISTERS?",
    "storage": r"BOX|BOXES|BASKETS?|TINS?|JARS?|STORAGE|DRAWERS?|CRATE|TRUNK|CONTAINER|"
               r"HAMPER|ORGANISER|CADDY|CHEST|CASE|CABINET|SHELF|RACK|BUCKET|POUCH",
    "home_decor": r"FRAMES?|CLOCK|CUSHION|SIGN|DOORSTOP|WALL ART|HOOKS?|"
                  r"COAT HANGER|HANGER|DECORATION|ORNAMENT|VASE|WREATH|DOOR ?MAT|THROW|"
                  r"QUILT|PLAQUE|CHALKBOARD|BLACKBOARD|DOORKNOB|KNOB|BELL|"
                  r"DOORSIGN|PICTURE|CURTAIN|BLANKET|PILLOW|RUG|FURNITURE|STOOL|TABLE|"
                  r"MAGNETS?|PAPERWEIGHT|P'WEIGHT|DOOR STOP|FIGURE|STATUE|MOBILE|CHAIR|POUFFE|"
                  r"FILLER PAD|TILES?|PHOTO CUBE|PHOTO CLIPS?|IRONING BOARD COVER|KNEELING MAT",
}
# Motif and material words ("what it looks like"): used only when a name
# holds no product-type word.
_MOTIF_WORDS: dict[str, str] = {
    "christmas": r"ANGEL|ELF|STOCKING|TREE",
    "party": r"CAKE|CUPCAKE|EASTER",
    "candles_lights": r"LIGHT|WAX|SCENT(?:ED)?",
    "toys_games": r"SPACEBOY|CHILDRENS?|KIDS|BABY|PIRATE|DINOSAUR|KNITTING|SEWING|FELT",
    "jewellery_accessories": r"PEARL|CRYSTAL|SILVER PLATED|GEMSTONE",
    "bathroom": r"LAVENDER|BEAUTY",
    "bags": r"LUGGAGE",
    "stationery": r"LETTER|WRITING|PRINT",
    "garden": r"GARDEN|HERB|BIRD ?SEED",
    "kitchen": r"TEA|COFFEE|GLASS|EGG|BISCUITS?|SUGAR|MILK|JAM|COOKIE|CHOCOLATE|BOTTLE|"
               r"WINE|BREAD|FOOD|TEATIME",
    "storage": r"TIDY|HOLDER",
    "home_decor": r"HEARTS?|FLOWERS?|ROSE|HANGING|STAR|BUTTERFLY|FEATHER|BIRD|LOVE|HOME|WALL",
}

Rules = tuple[tuple[str, re.Pattern[str]], ...]


def _compile(words: dict[str, str]) -> Rules:
    return tuple((theme, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
                 for theme, pattern in words.items())


SEED_RULES = _compile(_PRODUCT_WORDS)
MOTIF_RULES = _compile(_MOTIF_WORDS)
assert [t for t, _ in SEED_RULES] == [t for t in THEMES if t != OTHER], "one rule per theme"
_CHRISTMAS = SEED_RULES[0][1]


def _last_match(name: str, rules: Rules) -> str | None:
    best, best_at = None, -1
    for theme, pattern in rules:
        for match in pattern.finditer(name):
            if match.start() > best_at:
                best, best_at = theme, match.start()
    return best


def seed_theme(name: str) -> str | None:
    """The theme the seed rules give ``name``, or None if they are not sure.

    Christmas first (a "CHRISTMAS CANDLE" is Christmas), then the last
    product-type word, then the last motif word.
    """
    if _CHRISTMAS.search(name):
        return "christmas"
    return _last_match(name, SEED_RULES) or _last_match(name, MOTIF_RULES)
