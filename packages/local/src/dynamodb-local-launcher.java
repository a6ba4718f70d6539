import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local listening on one address instead of every interface. The jar has no
 * host option (its Jetty server is built with `new Server(port)`, which binds the wildcard
 * address) and Jetty reads no system property for it, so this sets the host on the server's
 * connector between construction and start, and puts a Host check in front of its handler
 * (below). Run in Java's source-file mode by
 * dynamodb-local.ts: `java -cp <jar>:<lib>/* dynamodb-local-launcher.java <host> <jar options>`.
 * If a newer jar changes its internals, this fails at startup instead of listening widely.
 */
final class DynamoDbLocalOnOneAddress {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) throw new IllegalArgumentException("usage: <host> <DynamoDB Local options>");
    String host = args[0];
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost(host);
    server.setHandler(new RefusesForeignHostNames(server.getHandler(), host));
    // safeStart, unlike start, throws on a bind failure; Jetty's started threads would keep
    // the JVM alive, so exit. (No telemetry is configured here: -disableTelemetry asks for none.)
    try {
      proxy.safeStart();
    } catch (Exception error) {
      System.err.println("DynamoDB Local could not listen on " + host + ": " + error);
      System.exit(1);
    }
    System.out.println("DynamoDB Local listening on " + host);
  }
}

/**
 * Answers only requests whose Host is an IP address, `localhost` or the name the server was
 * told to listen on (HOST=my-laptop.local). Loopback alone does not
 * keep a web page out: after DNS rebinding (evil.example re-pointed at 127.0.0.1) the
 * developer's browser sends the page's requests here as same-origin ones, and DynamoDB Local
 * takes any credentials. Such requests carry `Host: evil.example`; SDK clients send the
 * endpoint's address.
 */
final class RefusesForeignHostNames extends Handler.Wrapper {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?");

  private final String listenName;

  RefusesForeignHostNames(Handler handler, String listenName) {
    super(handler);
    this.listenName = listenName;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String name = Request.getServerName(request);
    boolean allowed = name != null
        && (name.equalsIgnoreCase("localhost") || name.equalsIgnoreCase(listenName) || IPV4.matcher(name).matches() || IPV6.matcher(name).matches());
    if (!allowed) {
      Response.writeError(request, response, callback, 403, "Host must be an IP address, localhost or " + listenName);
      return true;
    }
    return super.handle(request, response, callback);
  }
}
