import KH02Storage
import KH02TestSupport
import Testing

@Suite("SQL statement splitter")
struct SQLStatementSplitterTests {
    let splitter = SQLStatementSplitter()

    @Test("splits on semicolons and trims, dropping empty statements")
    func plain() {
        #expect(splitter.split("SELECT 1;\n\n  SELECT 2 ;;\nSELECT 3") == ["SELECT 1", "SELECT 2", "SELECT 3"])
    }

    @Test("keeps semicolons inside strings, doubled quotes and E-strings")
    func strings() {
        #expect(splitter.split("INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT 2") == ["INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT 2"])
        #expect(splitter.split("SELECT E'x\\';y'; SELECT 2") == ["SELECT E'x\\';y'", "SELECT 2"])
    }

    @Test("keeps semicolons inside quoted identifiers")
    func identifiers() {
        #expect(splitter.split("CREATE TABLE \"a;b\" (x int); SELECT 1") == ["CREATE TABLE \"a;b\" (x int)", "SELECT 1"])
    }

    @Test("ignores semicolons in line and nested block comments, and drops comment-only statements")
    func comments() {
        let script = """
            -- first; not a split
            SELECT 1; /* a; /* nested; */ still comment; */ SELECT 2;
            -- trailing comment only
            """
        #expect(splitter.split(script) == ["-- first; not a split\nSELECT 1", "/* a; /* nested; */ still comment; */ SELECT 2"])
    }

    @Test("keeps dollar-quoted bodies whole, with and without tags")
    func dollarQuotes() {
        let script = """
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
            SELECT $1
            """
        let parts = splitter.split(script)
        #expect(parts.count == 3)
        #expect(parts[0].hasSuffix("$$ SELECT 1; $$ LANGUAGE sql"))
        #expect(parts[1].contains("BEGIN RETURN 1; END;"))
        #expect(parts[2] == "SELECT $1")
    }

    @Test("a Vietnamese string with a semicolon stays one statement")
    func unicode() {
        #expect(splitter.split("INSERT INTO t VALUES ('Xã Ba Chẽ; Quảng Ninh');") == ["INSERT INTO t VALUES ('Xã Ba Chẽ; Quảng Ninh')"])
    }

    @Test("the shipped migrations split into statements that each start with a keyword")
    func shippedMigrations() throws {
        let migrations = try Migration.load(from: RepositoryPaths.sqlDirectory)
        #expect(!migrations.isEmpty)
        for migration in migrations {
            for statement in splitter.split(migration.sql) {
                let firstCode = statement.split(separator: "\n").first { !$0.hasPrefix("--") } ?? ""
                #expect(["CREATE", "ALTER", "INSERT", "COMMENT", "DROP", "UPDATE"].contains { firstCode.hasPrefix($0) }, "\(migration.fileName): \(statement.prefix(60))")
            }
        }
    }
}
