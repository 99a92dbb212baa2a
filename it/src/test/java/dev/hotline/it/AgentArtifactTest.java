package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The pom that {@code mvn install} puts beside the agent, which is what a service's build resolves: it stands
 * alone (no parent, no dependencies: the server travels inside the jar) and carries what a public repository
 * asks for. The README's build snippet names the same coordinates.
 */
class AgentArtifactTest {
    private static final Path AGENT = Path.of(System.getProperty("hotline.agent.jar")).getParent().getParent();

    @Test
    void itsInstalledPomStandsAloneWithNameLicenceAndScm() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(AGENT.resolve("target/.flattened-pom.xml").toFile());
        assertEquals("dev.hotline", text(pom, "groupId"));
        assertEquals("hotline-agent", text(pom, "artifactId"));
        assertEquals(0, pom.getElementsByTagName("parent").getLength(), "no parent");
        assertEquals(0, pom.getElementsByTagName("dependency").getLength(), "no dependencies");
        assertEquals(0, pom.getElementsByTagName("plugin").getLength(), "no build section");
        assertTrue(text(pom, "description").contains("javaagent"), text(pom, "description"));
        assertEquals("Apache License, Version 2.0", text(pom, "name", 1));
        assertTrue(text(pom, "connection").startsWith("scm:git:"), text(pom, "connection"));

        String readme = Files.readString(AGENT.resolveSibling("README.md"));
        assertTrue(readme.contains("<groupId>dev.hotline</groupId>\n            <artifactId>hotline-agent</artifactId>\n"
                + "            <version>" + text(pom, "version") + "</version>"), "the README copies this artifact");
    }

    private static String text(Document pom, String tag) {
        return text(pom, tag, 0);
    }

    private static String text(Document pom, String tag, int index) {
        return pom.getElementsByTagName(tag).item(index).getTextContent().trim();
    }
}
