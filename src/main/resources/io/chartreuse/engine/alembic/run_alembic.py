# Runs an Alembic command with the database URL taken from the environment, so that the URL is
# neither on a command line nor written into alembic.ini. Arguments are Alembic's own.
import logging
import os
import sys

from alembic.config import CommandLine, Config

# "Running upgrade a -> b" lines tell chartreuse which revision failed, even when env.py sets no logging.
logging.basicConfig(level=logging.WARNING, format="%(levelname)s [%(name)s] %(message)s")
logging.getLogger("alembic").setLevel(logging.INFO)

cli = CommandLine(prog="alembic")
options = cli.parser.parse_args(sys.argv[1:])
config = Config(file_=options.config, ini_section=options.name, cmd_opts=options)
config.set_main_option("sqlalchemy.url", os.environ.pop("CHARTREUSE_SQLALCHEMY_URL").replace("%", "%%"))
cli.run_cmd(config, options)
