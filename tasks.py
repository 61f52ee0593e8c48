"""Tasks for `invoke`, laid out as pelican-quickstart generates them: `invoke --list` shows them.

The Makefile runs the same builds; `make devserver` is `invoke livereload`.
"""

import os
import shlex
import shutil

from invoke import task
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    # Output path, as in pelicanconf.py's OUTPUT_PATH.
    "deploy_path": "output",
    # Host and port for `serve` and `livereload`: loopback only, the preview is not for the network.
    "host": "127.0.0.1",
    "port": 8000,
}


@task
def clean(c):
    """Remove generated files"""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])
        os.makedirs(CONFIG["deploy_path"])


@task
def build(c):
    """Build local version of site"""
    pelican_run("-s {settings_base}".format(**CONFIG))


@task
def rebuild(c):
    """`build` with the delete switch"""
    pelican_run("-d -s {settings_base}".format(**CONFIG))


@task
def regenerate(c):
    """Automatically regenerate site upon file modification"""
    pelican_run("-r -s {settings_base}".format(**CONFIG))


@task
def serve(c, port=CONFIG["port"]):
    """Serve the site as built at http://127.0.0.1:PORT/, without rebuilding"""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(CONFIG["deploy_path"], (CONFIG["host"], port), ComplexHTTPRequestHandler)
    print(f"Serving at http://{CONFIG['host']}:{port}/ ...")
    server.serve_forever()


@task
def preview(c):
    """Build production version of site (SITEURL=https://... in the environment)"""
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task(help={"port": "port to serve on (default 8000)", "open_browser": "open the site in a browser"})
def livereload(c, port=CONFIG["port"], open_browser=False):
    """Build, serve at http://127.0.0.1:PORT/ and rebuild on every edit; the browser reloads by itself"""
    from crimebriefs.preview import serve as serve_preview

    serve_preview(CONFIG["settings_base"], host=CONFIG["host"], port=int(port), open_browser=open_browser)


def pelican_run(cmd):
    cmd += " " + program.core.remainder  # allows to pass-through args to pelican
    pelican_main(shlex.split(cmd))
