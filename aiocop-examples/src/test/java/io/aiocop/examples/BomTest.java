package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** aiocop-bom, which has no parent, must list every published module at the build's version. */
final class BomTest {

    private static final Path ROOT = Paths.get(System.getProperty("aiocop.root", ".."));

    @Test
    void bomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        String version = child(parent, "version").getTextContent();
        List<String> published = new ArrayList<>();
        for (Element module : children(child(parent, "modules"), "module")) {
            Element pom = read(ROOT.resolve(module.getTextContent()).resolve("pom.xml"));
            Element packaging = child(pom, "packaging");
            Element properties = child(pom, "properties");
            boolean skipped = properties != null && child(properties, "maven.deploy.skip") != null
                    && child(properties, "maven.deploy.skip").getTextContent().equals("true");
            if (!skipped && (packaging == null || !packaging.getTextContent().equals("pom"))) {
                published.add(child(pom, "artifactId").getTextContent());
            }
        }
        Element bom = read(ROOT.resolve("aiocop-bom/pom.xml"));
        assertThat(child(bom, "version").getTextContent()).isEqualTo(version);
        assertThat(child(bom, "parent")).as("the BOM must not inherit the build's pins").isNull();
        List<String> managed = new ArrayList<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"),
                "dependency")) {
            assertThat(child(dependency, "groupId").getTextContent()).isEqualTo("io.aiocop");
            assertThat(child(dependency, "version").getTextContent()).isEqualTo("${project.version}");
            managed.add(child(dependency, "artifactId").getTextContent());
        }
        assertThat(published).contains("aiocop-core", "aiocop-netty").doesNotContain("aiocop-examples",
                "aiocop-bench");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    private static Element read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element && node.getNodeName().equals(name)) {
                found.add((Element) node);
            }
        }
        return found;
    }
}
