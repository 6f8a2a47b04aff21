import sys

from bot.configuration import output

output.install()  # before the libraries' imports, which warn

from bot.cli import main  # noqa: E402

sys.exit(main())
