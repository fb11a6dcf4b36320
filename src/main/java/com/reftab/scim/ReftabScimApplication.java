package com.reftab.scim;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ReftabScimApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReftabScimApplication.class, args);
    }
}
