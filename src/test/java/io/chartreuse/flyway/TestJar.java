package io.chartreuse.flyway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * An application jar built by a test: Java sources compiled with javax.tools (against Flyway) plus
 * resources.
 */
final class TestJar {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> resources = new LinkedHashMap<>();
  private final List<Path> classpath = new ArrayList<>();

  /** {@code className}: fully qualified. */
  TestJar java(String className, String source) {
    sources.put(className.replace('.', '/') + ".java", source);
    return this;
  }

  TestJar resource(String path, String text) {
    resources.put(path, text);
    return this;
  }

  /** Other jars the sources compile against (besides the test's classpath, which has Flyway). */
  TestJar against(Path jar) {
    classpath.add(jar);
    return this;
  }

  Path write(Path jar) throws IOException {
    Path work = Files.createTempDirectory("testjar");
    Path src = work.resolve("src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> arguments = new ArrayList<>();
    StringBuilder path = new StringBuilder(System.getProperty("java.class.path"));
    classpath.forEach(p -> path.append(java.io.File.pathSeparator).append(p));
    arguments.addAll(
        List.of("-classpath", path.toString(), "-d", classes.toString(), "--release", "17"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    if (!sources.isEmpty()) {
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      int exit = compiler.run(null, null, null, arguments.toArray(String[]::new));
      if (exit != 0) {
        throw new IllegalStateException("javac failed for " + sources.keySet());
      }
    }
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        put(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return jar;
  }

  private static void put(OutputStream stream, String name, byte[] bytes) {
    try {
      JarOutputStream out = (JarOutputStream) stream;
      out.putNextEntry(new JarEntry(name));
      out.write(bytes);
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
