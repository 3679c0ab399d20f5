from palisade.channels.cli import main

main()
