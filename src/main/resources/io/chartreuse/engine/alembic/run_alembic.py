# Runs `alembic upgrade <revision>` through Alembic's documented API (alembic.config.Config and
# alembic.command), which is stable from Alembic 1.8 to 1.20, with the database URL taken from the
# environment, so that the URL is neither on a command line nor written into alembic.ini.
# Arguments: -c INI [-n SECTION] [-x KEY=VALUE]... [--raiseerr] [-q] upgrade REVISION (chartreuse
# checks the user's extra arguments before it starts this). Exit 3 with one "chartreuse-setup:" line:
# nothing ran (Alembic, its configuration or the database driver could not be loaded).
import argparse
import logging
import os
import sys

SETUP_FAILED = 3


def setup_failed(message):
    print("chartreuse-setup: " + message, flush=True)
    sys.exit(SETUP_FAILED)


def parse_arguments():
    parser = argparse.ArgumentParser(prog="alembic")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-n", "--name", default="alembic")
    parser.add_argument("-x", action="append")
    parser.add_argument("--raiseerr", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("command", choices=["upgrade"])
    parser.add_argument("revision")
    return parser.parse_args()


def check_driver(url):
    """Loads the URL's DBAPI module now, so that a missing driver is named before anything runs."""
    import sqlalchemy
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    try:
        sqlalchemy.create_engine(parsed).dispose()
    except ImportError as e:
        try:
            driver = parsed.get_driver_name()
        except Exception:  # the dialect itself did not load
            driver = parsed.drivername
        setup_failed(
            "the database driver '%s' (URL scheme %s://, SQLAlchemy %s) cannot be imported by %s: %s; install it"
            " (e.g. pip install psycopg2-binary for psycopg2, psycopg[binary] for psycopg) or name an installed"
            " driver in the URL or the YAML dialect (postgresql+psycopg2, postgresql+psycopg)"
            % (driver, parsed.drivername, sqlalchemy.__version__, sys.executable, e))
    except Exception:
        pass  # not an import problem (e.g. an async driver): env.py creates its own engine


def main():
    options = parse_arguments()
    url = os.environ.pop("CHARTREUSE_SQLALCHEMY_URL")
    try:
        import alembic
        from alembic import command
        from alembic.config import Config
    except ImportError as e:
        setup_failed("Alembic cannot be imported by %s: %s; install alembic for it or set CHARTREUSE_PYTHON" % (sys.executable, e))
    check_driver(url)
    # "Running upgrade a -> b" lines tell chartreuse which revisions ran, even when env.py sets no logging.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s [%(name)s] %(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)
    print("chartreuse-alembic: %s (%s)" % (alembic.__version__, sys.executable), flush=True)
    config = Config(file_=options.config, ini_section=options.name, cmd_opts=options)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, options.revision)


if __name__ == "__main__":
    main()
