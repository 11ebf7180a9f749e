/*
 * Starts DynamoDB Local bound to one interface. DynamoDB Local's own command line has no host option and
 * listens on every interface; this launcher builds the server the same way (ServerRunner, the same
 * arguments), then sets the host on its Jetty connectors before starting it.
 *
 * Run by local/dynamodb-local.ts in Java's source-file mode (JDK 11+; no build step):
 *   java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackLauncher.java --host 127.0.0.1 -port 8000 ...
 */
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !args[0].equals("--host")) {
      System.err.println("Usage: LoopbackLauncher --host HOST <DynamoDB Local arguments>");
      System.exit(2);
    }
    String host = args[0 + 1];
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(rest);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost(host);
        bound++;
      }
    }
    if (bound == 0) {
      // Refuse rather than listen on every interface.
      System.err.println("DynamoDB Local has no connector to bind to " + host + "; not starting");
      System.exit(3);
    }
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host);
    proxy.join();
  }
}
