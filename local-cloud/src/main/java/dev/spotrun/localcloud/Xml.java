package dev.spotrun.localcloud;

import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The EC2 responses' XML, written with the JDK's StAX writer: elements in order, text escaped by it. */
final class Xml {

    static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final StringWriter out = new StringWriter();
    private final XMLStreamWriter writer;

    private Xml() {
        try {
            writer = FACTORY.createXMLStreamWriter(out);
            writer.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** A response document whose root element carries the EC2 namespace. */
    static Xml response(String root, String requestId) {
        Xml xml = new Xml();
        try {
            xml.writer.writeStartElement(root);
            xml.writer.writeDefaultNamespace(EC2_NAMESPACE);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return xml.text("requestId", requestId);
    }

    /** The error document EC2 sends with a 4xx or 5xx status. */
    static String error(String code, String message, String requestId) {
        Xml xml = new Xml().open("Response");
        xml.open("Errors").open("Error").text("Code", code).text("Message", message).close("Error").close("Errors");
        return xml.text("RequestID", requestId).end("Response");
    }

    Xml open(String name) {
        try {
            writer.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    /** Ends the element opened last; {@code name} says which, for whoever reads the calling code. */
    Xml close(String name) {
        try {
            writer.writeEndElement();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return this;
    }

    /** An element with text; skipped when the value is null, as EC2 leaves out absent members. */
    Xml text(String name, Object value) {
        if (value != null) {
            open(name);
            try {
                writer.writeCharacters(value.toString());
            } catch (XMLStreamException e) {
                throw failed(e);
            }
            close(name);
        }
        return this;
    }

    /** A {@code tagSet} (or other key/value set) of items. */
    Xml tags(String name, Map<String, String> tags) {
        open(name);
        tags.forEach((k, v) -> open("item").text("key", k).text("value", v).close("item"));
        return close(name);
    }

    /** Ends the root element and the document, and returns the document. */
    String end(String root) {
        try {
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        return out.toString();
    }

    private static IllegalStateException failed(XMLStreamException e) {
        return new IllegalStateException("an EC2 response could not be written", e);
    }
}
