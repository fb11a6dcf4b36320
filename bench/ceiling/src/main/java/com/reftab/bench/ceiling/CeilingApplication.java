package com.reftab.bench.ceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The bare web stack of the service's versions, with default settings: the benchmark's ceiling. */
@SpringBootApplication
public class CeilingApplication {

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }
}
