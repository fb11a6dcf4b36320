package com.reftab.scim.http;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Requests Tomcat refuses before any servlet runs (an encoded slash in the path, a malformed URI)
 * get a SCIM Error body too, not Tomcat's HTML page.
 */
public class ScimErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = status == 400 ? "The request could not be understood." : "The request could not be completed.";
        try {
            response.setContentType(JsonReply.SCIM_JSON);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ErrorReplyWriter.errorReply(status, null, detail).body().toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response was committed meanwhile: nothing more to send.
        }
    }
}
