package io.loadstack.launch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class with Loadstack and a target of its own for all its tests; subclasses start the agents they
 * need in their own {@code @BeforeAll}, which runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LaunchStackTest {

    protected LaunchStack stack;
    protected StaticTarget target;

    @BeforeAll
    void startLoadstackAndTarget() throws Exception {
        target = StaticTarget.start();
        stack = LaunchStack.start(getClass().getSimpleName(), LaunchSettings.api(), LaunchSettings.agent());
    }

    @AfterAll
    void stopLoadstackAndTarget() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.close();
        }
    }
}
