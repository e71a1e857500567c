import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's SAX parser over XML and hands its events to closures: element starts (local name without a
/// namespace prefix, attributes), ends and text. Used for every part of a workbook; a sheet is parsed from a
/// stream, so it is never held whole.
final class XMLEvents: NSObject, XMLParserDelegate {
    var onStart: (String, [String: String]) throws -> Void = { _, _ in }
    var onEnd: (String) throws -> Void = { _ in }
    var onText: (String) throws -> Void = { _ in }
    /// An error thrown by a closure: it stops the parse and is rethrown by `run`.
    var failure: (any Error)?

    /// Parses `parser`'s input; throws the first closure error, or `malformed` when the XML is not well-formed.
    func run(_ parser: XMLParser, part: String) throws {
        parser.delegate = self
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let failure { throw failure }
        guard parsed else {
            throw SpreadsheetError(.malformed, part: part, detail: "XML line \(parser.lineNumber)")
        }
    }

    /// Stops the parse with `error`.
    func stop(_ parser: XMLParser, _ error: any Error) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        do { try onStart(Self.local(elementName), attributeDict) } catch { stop(parser, error) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        do { try onEnd(Self.local(elementName)) } catch { stop(parser, error) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        do { try onText(string) } catch { stop(parser, error) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil else { return }
        do { try onText(String(decoding: CDATABlock, as: UTF8.self)) } catch { stop(parser, error) }
    }
}
