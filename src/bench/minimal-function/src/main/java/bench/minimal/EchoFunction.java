package bench.minimal;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;

/** The smallest possible Funqy function: the cold-start yardstick of the benchmark. */
public class EchoFunction {

    @Funq("echo")
    public JsonNode echo(JsonNode input) {
        return input;
    }
}
