"""crimebriefs: a Pelican plugin that turns a dump of scraped crime-news pages into briefs."""

# Pelican and the build's modules are imported when the plugin is registered, not with the package:
# a process that only parses pages (an import's workers) starts in a fraction of the time.


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    from crimebriefs import hosting, parallel_writer, plugin, reader, search_index, templating

    signals.readers_init.connect(reader.add_reader)
    signals.initialized.connect(plugin.import_raw_dump)
    signals.article_generator_finalized.connect(finalize_briefs)
    signals.finalized.connect(plugin.audit_output)
    signals.article_generator_init.connect(prepare_briefs)
    signals.initialized.connect(search_index.drop_search_page)
    signals.generator_init.connect(templating.add_template_helpers)
    signals.finalized.connect(search_index.index_built_site)
    signals.finalized.connect(hosting.write_hosting_files)
    signals.all_generators_finalized.connect(plugin.fix_urls)
    signals.get_writer.connect(parallel_writer.writer_class)
    signals.page_writer_finalized.connect(parallel_writer.render_pages)


def prepare_briefs(generator) -> None:
    """``article_generator_init``: check every brief, read ahead those Pelican will read, start their index."""
    from crimebriefs import memberships, plugin, search_index

    # Pelican's own picks each year's briefs out of all of them by looking through a list for each.
    generator._build_period_archives = memberships.period_archives
    plugin.check_briefs_folder(generator)
    records = plugin.read_ahead(generator)
    if records is not None:
        # While Pelican's own process reads the briefs one by one, another core can index them.
        search_index.start_early(generator, records)


def finalize_briefs(generator) -> None:
    """``article_generator_finalized``: every brief is read; in this order, since blinker keeps none."""
    from crimebriefs import memberships, plugin, search_index

    memberships.answer_membership_at_once(generator)
    search_index.collect_records(generator)  # the bodies, before the attribution goes into them
    plugin.attribute_articles(generator)
    plugin.link_briefs(generator)
    search_index.start_index(generator)  # last, so that the indexer's process starts as the pages are written
