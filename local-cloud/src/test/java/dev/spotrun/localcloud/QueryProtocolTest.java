package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/** The local cloud's reading of EC2 Query requests and its writing of EC2 XML and JSON answers. */
class QueryProtocolTest {

    @Test
    void numberedListsAndNestedMembersAreReadInOrder() {
        FormRequest request = FormRequest.parse("Action=DescribeInstances&InstanceId.2=i-b&InstanceId.1=i-a"
                + "&Filter.1.Name=tag%3Aspotrun%3Arun-id&Filter.1.Value.1=sr-1&Filter.2.Name=instance-state-name"
                + "&Filter.2.Value.1=running&Filter.2.Value.2=pending"
                + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=a&TagSpecification.1.Tag.1.Value=b+c"
                + "&TagSpecification.2.ResourceType=volume&TagSpecification.2.Tag.1.Key=v&TagSpecification.2.Tag.1.Value=");

        assertThat(request.action()).isEqualTo("DescribeInstances");
        assertThat(request.list("InstanceId")).containsExactly("i-a", "i-b");
        assertThat(request.filters()).containsExactly(Map.entry("tag:spotrun:run-id", List.of("sr-1")),
                Map.entry("instance-state-name", List.of("running", "pending")));
        assertThat(request.tagsFor("instance")).containsExactly(Map.entry("a", "b c"));
        assertThat(request.tagsFor("volume")).containsExactly(Map.entry("v", ""));
    }

    @Test
    void xmlIsEscapedAndAbsentMembersAreLeftOut() throws Exception {
        String xml = Xml.response("R", "req-1").text("a", "<&>\"'").text("b", null).tags("tagSet", Map.of("k", "v"))
                .end("R");

        assertThat(xml).contains("xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"")
                .contains("<requestId>req-1</requestId>").contains("<a>&lt;&amp;&gt;")
                .doesNotContain("<b>").contains("<tagSet><item><key>k</key><value>v</value></item></tagSet>");
        assertThat(textOf(xml, "a")).isEqualTo("<&>\"'");
        assertThat(Xml.error("AuthFailure", "no", "req-2")).contains(
                "<Response><Errors><Error><Code>AuthFailure</Code><Message>no</Message></Error></Errors>"
                        + "<RequestID>req-2</RequestID></Response>");
    }

    @Test
    void filtersMatchAnyValueWithWildcardsAndRefuseUnknownNames() {
        Map<String, String> tags = Map.of("spotrun:run-id", "sr-1");

        assertThat(Filters.matches(Map.of("tag:spotrun:run-id", List.of("sr-*")), f -> Filters.tagValues(f, tags))).isTrue();
        assertThat(Filters.matches(Map.of("tag:spotrun:run-id", List.of("sr-2", "sr-?")), f -> Filters.tagValues(f, tags)))
                .isTrue();
        assertThat(Filters.matches(Map.of("tag-key", List.of("owner")), f -> Filters.tagValues(f, tags))).isFalse();
        assertThatThrownBy(() -> Filters.tagValues("colour", tags)).isInstanceOfSatisfying(CloudError.class,
                e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void jsonStringsAreReadAndWrittenWithTheirEscapes() throws Exception {
        assertThat(JsonApi.stringField("{\"Name\" : \"/aws/\\\"x\\\"\",\"WithDecryption\":false}", "Name"))
                .isEqualTo("/aws/\"x\"");
        assertThat(JsonApi.stringField("{}", "Name")).isNull();
        assertThat(new ObjectMapper().readTree(JsonApi.error("X", "a\"b\\c\n\u0001")).get("message").textValue())
                .isEqualTo("a\"b\\c\n\u0001");
        assertThatThrownBy(() -> JsonApi.stringField("{\"Name\": ", "Name")).isInstanceOfSatisfying(CloudError.class,
                e -> assertThat(e.code()).isEqualTo("SerializationException"));
        assertThat(JsonApi.error("ParameterNotFound", "gone")).isEqualTo("{\"__type\":\"ParameterNotFound\",\"message\":\"gone\"}");
    }

    @Test
    void capacityErrorsCarryEc2sStatus() {
        assertThat(CapacityErrors.of("InsufficientInstanceCapacity", "m5.large", "us-east-1a").status()).isEqualTo(500);
        assertThat(CapacityErrors.of("SpotMaxPriceTooLow", "m5.large", "us-east-1a").status()).isEqualTo(400);
        assertThat(CapacityErrors.of("Unsupported", "m5.large", "us-east-1a").getMessage()).contains("us-east-1a");
    }

    /** The text of the first element {@code name} of a document, as an XML reader sees it. */
    private static String textOf(String xml, String name) throws XMLStreamException {
        XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(name)) {
                return reader.getElementText();
            }
        }
        throw new AssertionError("no element " + name + " in " + xml);
    }
}
