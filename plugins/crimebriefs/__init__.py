"""crimebriefs: a Pelican plugin that turns a dump of scraped crime-news pages into briefs."""

from pelican import signals

from crimebriefs import hosting, plugin, reader


def register():
    """Connect the plugin to Pelican's signals."""
    signals.readers_init.connect(reader.add_reader)
    signals.initialized.connect(plugin.import_raw_dump)
    signals.finalized.connect(hosting.write_hosting_files)
