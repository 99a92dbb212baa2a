package dev.hotline.samples.nettyapp;

import dev.hotline.samples.PortFile;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An HTTP service built on its own Netty, of a different version than Hotline's: it answers every request
 * with the Netty version it runs on. With the agent loaded, both must keep working, each on its own Netty.
 * Arguments: {@code --port-file F} to write the HTTP port to.
 */
public final class NettyService {
    /** The Netty version this service's classes came from, for snippets to read. */
    public static String nettyVersion() {
        return Version.identify().get("netty-common").artifactVersion();
    }

    public static void main(String[] args) throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        byte[] body = ("netty " + nettyVersion() + "\n").getBytes(StandardCharsets.UTF_8);
                                        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int port = ((java.net.InetSocketAddress) channel.localAddress()).getPort();
        System.out.println("netty-service: http://127.0.0.1:" + port + "/");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--port-file")) {
                PortFile.write(Path.of(args[i + 1]), port);
            }
        }
        channel.closeFuture().sync();
    }
}
