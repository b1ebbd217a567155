package dev.nsoha.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Testcontainers example is the consumer project's test, verbatim with its imports,
 * and that project depends on nothing of ours but the installed module (it runs in {@code make
 * test}).
 */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of("..");
  private static final Path CONSUMER = ROOT.resolve("examples/testcontainers-consumer");
  private static final Path EXAMPLE =
      CONSUMER.resolve("src/test/java/com/example/nsotests/FailoverTest.java");

  @Test
  void readmeShowsTheConsumersTestVerbatim() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher m =
        Pattern.compile("```java\n(package com\\.example\\.nsotests;\n.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(m.find()).as("a java block of package com.example.nsotests in README.md").isTrue();
    assertThat(m.group(1)).isEqualTo(Files.readString(EXAMPLE));
    assertThat(m.find()).as("only one such block").isFalse();
  }

  @Test
  void consumerDependsOnlyOnTheInstalledModuleAndJunit() throws IOException {
    String pom = Files.readString(CONSUMER.resolve("pom.xml"));
    assertThat(pom).doesNotContain("<parent>").doesNotContain("<repositories>");
    Matcher m =
        Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)<")
            .matcher(pom);
    List<String> deps = m.results().map(r -> r.group(1) + ":" + r.group(2)).toList();
    assertThat(deps)
        .containsExactly(
            "dev.nsoha:nso-ha-upgrade-testcontainers", "org.junit.jupiter:junit-jupiter");
    Matcher ours =
        Pattern.compile("<artifactId>nso-ha-upgrade-parent</artifactId>\\s*<version>([^<]+)<")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(ours.find()).isTrue();
    assertThat(pom)
        .as("the consumer uses the version the build installs")
        .contains("<nso-ha-upgrade.version>" + ours.group(1) + "</nso-ha-upgrade.version>");
  }
}
