"""Hand-made article versions with clearly shared, reworded, missing and unique paragraphs."""

BRIDGE = ("The city council approved the new harbour bridge on Tuesday after a long debate about costs, "
          "traffic and the protection of the old fishing quarter near the river mouth.")
MAYOR = ("Mayor Helena Brandt said construction would begin in spring and the bridge should open to cyclists "
         "and pedestrians within three years, well before the regional elections.")
AUDIT = ("Opposition councillors warned that the budget of ninety million euros was unrealistic and demanded "
         "an independent audit of the engineering firm chosen for the project.")
PROTEST = ("Residents of the fishing quarter staged a quiet protest outside the town hall, holding banners "
           "painted by local schoolchildren who fear losing their football ground.")
FERRY = ("The ferry company operating between the two banks said it would cut its timetable once the bridge "
         "opens, but promised to keep a night service for shift workers and tourists.")


def story(*paragraphs):
    return "\n\n".join(paragraphs)


def three_versions(c_mayor=MAYOR.replace("three years", "four years"), b_protest=PROTEST):
    """a: bridge, mayor, audit; b adds a protest; c has bridge and a reworded mayor paragraph."""
    return [story(BRIDGE, MAYOR, AUDIT), story(BRIDGE, MAYOR, AUDIT, b_protest), story(BRIDGE, c_mayor)]
