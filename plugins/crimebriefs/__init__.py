"""crimebriefs: a Pelican plugin that turns a dump of scraped crime-news pages into briefs."""

from pelican import signals

from crimebriefs import hosting, plugin, reader, search_index, templating


def register():
    """Connect the plugin to Pelican's signals."""
    signals.readers_init.connect(reader.add_reader)
    signals.initialized.connect(plugin.import_raw_dump)
    signals.article_generator_finalized.connect(search_index.collect_records)
    signals.article_generator_finalized.connect(plugin.attribute_articles)
    signals.finalized.connect(plugin.audit_output)
    signals.article_generator_init.connect(plugin.check_briefs_folder)
    signals.initialized.connect(search_index.drop_search_page)
    signals.generator_init.connect(templating.add_template_helpers)
    signals.article_generator_finalized.connect(plugin.link_briefs)
    signals.article_generator_finalized.connect(search_index.start_index)
    signals.finalized.connect(search_index.index_built_site)
    signals.finalized.connect(hosting.write_hosting_files)
