import Foundation
import Logging

/// The one root logger of a kh02 process, at `KH02_LOG_LEVEL` (default info), to standard error.
enum LoggerFactory {
    static func bootstrap(label: String) -> Logger {
        let level = ProcessInfo.processInfo.environment["KH02_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
