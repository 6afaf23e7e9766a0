import ArgumentParser
import HomewardCommands
import HomewardServer

/// `homeward` with every command, and `serve`, the web workspace, which sits above the commands.
struct HomewardMain: ParsableCommand {
    static let configuration: CommandConfiguration = {
        var configuration = Homeward.configuration
        configuration.subcommands.append(ServeCommand.self)
        return configuration
    }()
}

Homeward.start(root: HomewardMain.self)
