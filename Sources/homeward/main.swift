import HomewardCommands

Homeward.start()
