package io.patchbay.base.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Errors Tomcat answers itself, before the hub sees the request (a path with {@code %00} or {@code ../} in it, a
 * header too large, a request line it cannot read): problem+json like every other error the hub answers, not
 * Tomcat's HTML page with its version in it.
 */
@Component
class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReport.class.getName());
            }
        });
    }

    /** Tomcat's error report as problem+json; Tomcat makes it by class name, so it is public. */
    public static final class ProblemReport extends ErrorReportValve {

        public ProblemReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // what the hub answered itself has its body already; only Tomcat's own refusals come here empty
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String title = reason(status);
            String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + (status < 500 ? "The request could not be read: " + title + "." : "Not taken.")
                    + "\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response already committed: nothing more to tell
            }
        }

        private static String reason(int status) {
            return switch (status) {
                case 400 -> "Bad Request";
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                case 408 -> "Request Timeout";
                case 413 -> "Content Too Large";
                case 414 -> "URI Too Long";
                case 431 -> "Request Header Fields Too Large";
                case 501 -> "Not Implemented";
                case 503 -> "Service Unavailable";
                default -> status < 500 ? "Client Error" : "Server Error";
            };
        }
    }
}
