"""Files a static host reads at the root of the site: ``.nojekyll`` and ``CNAME`` (GitHub Pages)."""

from pathlib import Path

from crimebriefs.files import write_atomic
from crimebriefs.settings import plugin_settings


def write_hosting_files(pelican) -> None:
    """``finalized``: write ``.nojekyll`` and ``CNAME`` into the output when the settings ask for them."""
    settings = plugin_settings(pelican.settings)
    output = Path(pelican.output_path)
    if settings.nojekyll:
        # Without it, GitHub Pages runs Jekyll on branch deploys, which drops files whose names start with "_".
        write_atomic(output / ".nojekyll", b"")
    if settings.cname:
        write_atomic(output / "CNAME", f"{settings.cname}\n".encode("ascii"))
