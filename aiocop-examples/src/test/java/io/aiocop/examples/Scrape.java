package io.aiocop.examples;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A Prometheus text-format scrape, read back for the tests: its samples' names and values. */
final class Scrape {

    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    static Scrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = brace >= 0 ? line.indexOf(' ', line.lastIndexOf('}')) : line.indexOf(' ');
            String name = line.substring(0, brace >= 0 ? brace : space);
            String labels = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            String[] rest = line.substring(space + 1).trim().split(" ");
            samples.add(new Sample(name, labels, Double.parseDouble(rest[0])));
        }
        return new Scrape(samples);
    }

    /** The names of every sample, e.g. {@code aiocop_task_duration_seconds_count}. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    /** The sum of the values of {@code name}'s samples whose labels contain {@code label}. */
    double sum(String name, String label) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().contains(label))
                .mapToDouble(Sample::value).sum();
    }
}
