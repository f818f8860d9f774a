import NOFPostgres
import Testing

@Suite("SQL tokenizer")
struct SQLTokenizerTests {
    func kinds(_ sql: String) -> [SQLToken.Kind] { SQLTokenizer.tokens(sql).filter { !$0.isTrivia }.map(\.kind) }
    func texts(_ sql: String) -> [String] { SQLTokenizer.tokens(sql).filter { !$0.isTrivia }.map(\.text) }

    @Test("the tokens put back together are the SQL, byte for byte")
    func roundTrip() {
        let sql = "SELECT 'a''b', \"x\"\"y\", $tag$ :no $tag$, E'\\'' /* c /* nested */ */ -- line\n:p::date, €"
        #expect(SQLTokenizer.tokens(sql).map(\.text).joined() == sql)
    }

    @Test(":name is a parameter; ::type is a cast")
    func namedParameterAndCast() {
        #expect(kinds("a = :org::text") == [.word, .symbol, .namedParameter, .cast, .word])
        #expect(SQLTokenizer.tokens(":org").first?.parameterName == "org")
    }

    @Test("no parameter inside strings, quoted identifiers, comments or dollar quotes")
    func placeholdersInsideQuotesAreText() {
        let sql = "SELECT ':a', \":b\", $$ :c $$, $q$ :d $q$ -- :e\n /* :f */ FROM t WHERE x = :g"
        #expect(SQLQuery.parameterNames(in: sql) == ["g"])
    }

    @Test("a doubled quote stays inside the string; E'' strings take backslash escapes")
    func stringEscapes() {
        #expect(texts("'it''s' x") == ["'it''s'", "x"])
        #expect(texts("E'a\\'b' :p") == ["E'a\\'b'", ":p"])
        #expect(texts("'a\\' :p") == ["'a\\'", ":p"])  // standard strings: the backslash is a character
    }

    @Test("block comments nest, as PostgreSQL's do")
    func nestedComments() {
        #expect(kinds("/* a /* b */ :not */ :yes") == [.namedParameter])
    }

    @Test("$1 is a positional parameter; $tag$ opens a dollar quote")
    func dollars() {
        #expect(kinds("$1 + $12") == [.positionalParameter, .symbol, .positionalParameter])
        #expect(kinds("$fn$ body $fn$") == [.dollarQuoted])
        #expect(kinds("$$ body $$") == [.dollarQuoted])
    }

    @Test("an unclosed string or comment runs to the end and says so")
    func unclosed() {
        let tokens = SQLTokenizer.tokens("SELECT 'abc")
        #expect(tokens.last?.kind == .string)
        #expect(tokens.last?.closed == false)
        #expect(SQLTokenizer.tokens("/* x").last?.closed == false)
    }

    @Test("U&'…' and U&\"…\" are a string and an identifier")
    func unicodeEscapes() {
        #expect(kinds("U&'d\\0061t' U&\"x\"") == [.string, .quotedIdentifier])
    }

    @Test("the first keyword skips comments, whitespace and brackets")
    func firstKeyword() {
        #expect(SQLTokenizer.firstKeyword("-- c\n /* d */ ( ( WITH x AS (SELECT 1) SELECT * FROM x))") == "with")
        #expect(SQLTokenizer.firstKeyword("  delete from t") == "delete")
        #expect(SQLTokenizer.firstKeyword("'select'") == "")
        #expect(SQLTokenizer.firstKeyword("") == "")
    }

    @Test("a script splits at semicolons outside strings and bodies")
    func statements() {
        let script = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT ';'; ;"
        #expect(SQLTokenizer.statements(script).count == 2)
    }

    @Test("numbers, including decimals and exponents, are one token")
    func numbers() {
        #expect(texts("1.5e-3 + .5 - 10") == ["1.5e-3", "+", ".5", "-", "10"])
        #expect(kinds("x[1:2]") == [.word, .symbol, .number, .symbol, .number, .symbol])
    }
}
