public import Logging

/// Loggers for tests, which never bootstrap the logging system.
public enum TestLogger {
    /// Warnings and worse only.
    public static var quiet: Logger {
        var logger = Logger(label: "kh02.tests")
        logger.logLevel = .warning
        return logger
    }
}
