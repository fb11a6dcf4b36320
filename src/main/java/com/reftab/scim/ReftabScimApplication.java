package com.reftab.scim;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReftabScimApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReftabScimApplication.class, args);
    }
}
