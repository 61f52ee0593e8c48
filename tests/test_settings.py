"""The plugin's settings: defaults, and a clear refusal of values that make no sense."""

import pytest

from crimebriefs.errors import ConfigError
from crimebriefs.settings import plugin_settings


def test_defaults_search_and_list_three_related_briefs():
    settings = plugin_settings({"PATH": "content"})
    assert (settings.search, settings.related) == (True, 3)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("CRIMEBRIEFS_SEARCH", "yes", "CRIMEBRIEFS_SEARCH must be True or False, not 'yes'"),
        ("CRIMEBRIEFS_RELATED", -1, "CRIMEBRIEFS_RELATED must be a whole number, 0 or more, not -1"),
        ("CRIMEBRIEFS_RELATED", True, "CRIMEBRIEFS_RELATED must be a whole number, 0 or more, not True"),
        ("CRIMEBRIEFS_RELATED", "3", "CRIMEBRIEFS_RELATED must be a whole number, 0 or more, not '3'"),
    ],
)
def test_nonsense_values_are_refused_by_name(key, value, message):
    with pytest.raises(ConfigError) as raised:
        plugin_settings({"PATH": "content", key: value})
    assert str(raised.value) == message
