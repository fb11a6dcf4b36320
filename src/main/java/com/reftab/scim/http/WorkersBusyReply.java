package com.reftab.scim.http;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that finds every API worker busy and their queue full is answered 503 with
 * Retry-After at once (Okta and Entra retry it), rather than waiting in an unbounded queue.
 * The SCIM Error body is written by {@link ErrorPages}.
 */
@RestControllerAdvice
class WorkersBusyReply {

    @ExceptionHandler(RejectedExecutionException.class)
    void workersBusy(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        response.sendError(503);
    }
}
