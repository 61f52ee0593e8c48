"""Labels and names in capitals come out in natural case."""

import pytest

from crimebriefs.casing import label_case, name_case
from crimebriefs.sources.insightcrime import RULES


@pytest.mark.parametrize(
    ("capitals", "natural"),
    [
        ("DRUG POLICY", "Drug Policy"),
        ("GENDER AND CRIME", "Gender and Crime"),
        ("EL CHAPO", "El Chapo"),
        ("COSTA RICA", "Costa Rica"),
        ("FARC", "FARC"),
        ("MS13", "MS13"),
        ("CRIMEN Y SEGURIDAD", "Crimen y Seguridad"),
        ("Already Natural", "Already Natural"),
    ],
)
def test_label_case(capitals, natural):
    assert label_case(capitals, RULES) == natural


@pytest.mark.parametrize(
    ("capitals", "natural"),
    [
        ("SAM TABORY", "Sam Tabory"),
        ("DOUWE DEN HELD", "Douwe den Held"),
        ("JEREMY MCDERMOTT", "Jeremy McDermott"),
        ("INSIGHT CRIME", "InSight Crime"),
        ("LUCÍA DE LA TORRE", "Lucía de la Torre"),
        ("MARÍA JOSÉ O'NEILL-RUIZ", "María José O'Neill-Ruiz"),
        ("VENEZUELA INVESTIGATIVE UNIT", "Venezuela Investigative Unit"),
    ],
)
def test_name_case(capitals, natural):
    assert name_case(capitals, RULES) == natural
