package com.reftab.scim.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised by the web layer before a route runs (unknown path 404, wrong method 405, …) get
 * the same SCIM Error body as everything else, instead of Spring's default page.
 */
@RestController
class ErrorPages implements ErrorController {

    private static boolean isApiRequest(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String requested ? requested.substring(Math.min(requested.length(),
                request.getContextPath() == null ? 0 : request.getContextPath().length())) : "";
        return path.equals("/scim") || path.startsWith("/scim/") || path.equals("/api") || path.startsWith("/api/");
    }

    private final RequestLog requestLog;

    ErrorPages(RequestLog requestLog) {
        this.requestLog = requestLog;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        HttpStatus known = HttpStatus.resolve(status);
        String detail = switch (status) {
            case 404 -> "No such endpoint.";
            case 405 -> "This method is not supported on this endpoint.";
            case 413 -> "The request is too large.";
            case 415 -> "Send the body as application/scim+json or application/json.";
            case 503 -> "The service is busy; retry later.";
            default -> known != null ? known.getReasonPhrase() + "." : "The request could not be completed.";
        };
        JsonReply reply = ErrorReplyWriter.errorReply(status, null, detail);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (isApiRequest(request)) {
            // No route ran, so nothing else logs it: an unknown endpoint is still an API request.
            answer.header(RequestLog.HEADER, requestLog.recordErrorPage(request, status));
        }
        return answer
                .contentType(MediaType.parseMediaType(JsonReply.SCIM_JSON))
                .body(reply.body());
    }
}
