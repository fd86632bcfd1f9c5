<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="48"/>
        <source>%1 L=%2 h=%3</source>
        <translation>%1 L=%2 h=%3</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="260"/>
        <source>cannot encode the PNG image</source>
        <translation>无法编码 PNG 图像</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="278"/>
        <source>cannot start the SVG drawing</source>
        <translation>无法开始绘制 SVG</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="301"/>
        <source>cannot set the PDF page size</source>
        <translation>无法设置 PDF 页面尺寸</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="304"/>
        <source>cannot start the PDF drawing</source>
        <translation>无法开始绘制 PDF</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="321"/>
        <location filename="../../src/gui/exporter.cpp" line="324"/>
        <source>cannot write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="341"/>
        <source>no suffix</source>
        <translation>没有扩展名</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="344"/>
        <source>unknown format %1: expected .png, .svg or .pdf</source>
        <translation>未知格式 %1：应为 .png、.svg 或 .pdf</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="352"/>
        <source>%1 · b = %2 · s = %3 · tp %4 / pp %5 / dp %6 / cp %7 · %8 × %9 · %10 · recompute %11</source>
        <translation>%1 · b = %2 · s = %3 · tp %4 / pp %5 / dp %6 / cp %7 · %8 × %9 · %10 · 重计算 %11</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="365"/>
        <source> · ep %1 / etp %2</source>
        <translation> · ep %1 / etp %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="369"/>
        <source> · stack %1</source>
        <translation> · 软件栈 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="372"/>
        <source> · FLOPs %1</source>
        <translation> · FLOPs %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="376"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="377"/>
        <source>MFU Explorer %1 · %2</source>
        <translation>MFU Explorer %1 · %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/exporter.cpp" line="396"/>
        <source>empty size %1x%2</source>
        <translation>尺寸为空 %1x%2</translation>
    </message>
</context>
<context>
    <name>HeldGpus</name>
    <message>
        <location filename="../../src/gui/scenario_fields.cpp" line="112"/>
        <source>expected %1 to divide the %2 GPUs held fixed, found %3</source>
        <translation>%1 应整除固定的 %2 个 GPU，实际为 %3</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_fields.cpp" line="121"/>
        <source>expected %1 for the %2 GPUs held fixed, found %3</source>
        <translation>固定 %2 个 GPU 时应为 %1，实际为 %3</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.ui" line="9"/>
        <source>MFU Explorer</source>
        <translation>MFU Explorer</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="17"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="21"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="35"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="42"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="47"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="58"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="59"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="62"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="63"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="66"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="67"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="70"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="71"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="74"/>
        <source>&amp;Import Timings…</source>
        <translation>导入计时数据(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="75"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="78"/>
        <source>&amp;Export Dashboard…</source>
        <translation>导出仪表板(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="79"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="82"/>
        <source>Export &amp;Chart…</source>
        <translation>导出图表(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="83"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="86"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="87"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="90"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="93"/>
        <source>&amp;About MFU Explorer</source>
        <translation>关于 MFU Explorer(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="99"/>
        <source>&amp;Hold GPU Count</source>
        <translation>固定 GPU 数量(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="100"/>
        <source>TP, PP and CP edits move DP and keep the GPU count</source>
        <translation>修改 TP、PP、CP 时调整 DP，保持 GPU 数量不变</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="103"/>
        <source>Copy C&amp;hart</source>
        <translation>复制图表(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="104"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="107"/>
        <source>Copy Headline and Breakdown as &amp;Markdown</source>
        <translation>复制概要与分解为 &amp;Markdown</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="108"/>
        <source>Ctrl+Alt+C</source>
        <translation>Ctrl+Alt+C</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="111"/>
        <source>&amp;Pin as Baseline</source>
        <translation>固定为基线(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="112"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="115"/>
        <source>C&amp;lear Baseline</source>
        <translation>清除基线(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="116"/>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../src/gui/format.cpp" line="93"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../src/gui/format.cpp" line="96"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="50"/>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>场景文件 (*.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ScenarioFields</name>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="375"/>
        <source>Global batch</source>
        <translation>全局批大小</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="376"/>
        <source>b: sequences per optimizer step, over all data-parallel replicas</source>
        <translation>b：每个优化步的序列数，合计所有数据并行副本</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="381"/>
        <source>Sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="382"/>
        <source>s: tokens per sequence; attention FLOPs grow with s²</source>
        <translation>s：每条序列的 token 数；注意力 FLOPs 随 s² 增长</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="388"/>
        <source>Micro-batch</source>
        <translation>微批大小</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="389"/>
        <source>m: sequences per forward/backward pass on one replica; b/(dp·m) micro-batches fill the pipeline</source>
        <translation>m：单个副本每次前向/反向处理的序列数；b/(dp·m) 个微批填充流水线</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="244"/>
        <source>Hidden size</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="245"/>
        <source>h: width of the residual stream; projections cost 2·b·s·h² each</source>
        <translation>h：残差流宽度；每个投影耗费 2·b·s·h²</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="237"/>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="238"/>
        <source>L: transformer layers; every module but lm_head runs once per layer</source>
        <translation>L：Transformer 层数；除 lm_head 外每个模块每层运行一次</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="250"/>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="251"/>
        <source>n: query heads; n·d is the attention width</source>
        <translation>n：查询头数；n·d 为注意力宽度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="256"/>
        <source>KV heads</source>
        <translation>KV 头数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="257"/>
        <source>n_kv: key/value heads; r = n/n_kv is the GQA group size, K and V cost 1/r of Q</source>
        <translation>n_kv：键/值头数；r = n/n_kv 为 GQA 分组大小，K 和 V 的开销为 Q 的 1/r</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="263"/>
        <source>Head dim</source>
        <translation>头维度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="264"/>
        <source>d: width of one head, usually h/n</source>
        <translation>d：单个头的宽度，通常为 h/n</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="268"/>
        <source>FFN hidden</source>
        <translation>FFN 中间维度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="269"/>
        <source>ĥ: MLP inner width; 4h for GPT, about 8h/3 rounded for SwiGLU</source>
        <translation>ĥ：MLP 中间维度；GPT 为 4h，SwiGLU 约为 8h/3 取整</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="275"/>
        <source>Vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="276"/>
        <source>V: vocabulary size; lm_head costs 2·b·s·h·V once</source>
        <translation>V：词表大小；lm_head 只计一次 2·b·s·h·V</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="280"/>
        <source>Gated MLP (SwiGLU)</source>
        <translation>门控 MLP (SwiGLU)</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="281"/>
        <source>Three MLP matrices (up, gate, down) instead of two</source>
        <translation>MLP 用三个矩阵（up、gate、down）而非两个</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="285"/>
        <source>Tied embeddings</source>
        <translation>共享词嵌入</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="286"/>
        <source>lm_head shares the token table: fewer parameters, same FLOPs</source>
        <translation>lm_head 与词嵌入表共享：参数更少，FLOPs 不变</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="299"/>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="307"/>
        <source>Experts per token</source>
        <translation>每 token 专家数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="308"/>
        <source>k: routed experts the router sends each token to, at most E; expert FLOPs grow with k</source>
        <translation>k：路由器为每个 token 选择的路由专家数，至多为 E；专家 FLOPs 随 k 增长</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="315"/>
        <source>Expert FFN hidden</source>
        <translation>专家 FFN 中间维度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="316"/>
        <source>F_e: inner width of one routed expert; a token costs k MLPs this wide</source>
        <translation>F_e：单个路由专家的中间维度；每个 token 的开销为 k 个该宽度的 MLP</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="323"/>
        <source>Shared experts</source>
        <translation>共享专家数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="333"/>
        <source>Dense layers</source>
        <translation>稠密层数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="334"/>
        <source>L_d: the first layers keep a dense MLP of width ĥ instead of the experts</source>
        <translation>L_d：最前面的若干层使用宽度为 ĥ 的稠密 MLP，而非专家</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="346"/>
        <source>Query latent rank</source>
        <translation>查询潜在秩</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="354"/>
        <source>KV latent rank</source>
        <translation>KV 潜在秩</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="324"/>
        <source>E_s: experts every token runs through besides its k routed ones; a new count keeps each one&apos;s width (F_e for the first)</source>
        <translation>E_s：除 k 个路由专家外每个 token 都经过的专家；改变数量时每个专家的宽度不变（首个为 F_e）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="300"/>
        <source>E: routed experts per MoE layer, each an MLP of its own; parameters grow with E, expert FLOPs do not (0: a dense model)</source>
        <translation>E：每个 MoE 层的路由专家数，每个专家是一个独立的 MLP；参数量随 E 增长，专家 FLOPs 不随之增长（0：稠密模型）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="347"/>
        <source>r_q: queries are compressed to a latent this wide before the heads (0: projected directly)</source>
        <translation>r_q：查询在投影到各头之前先压缩到该宽度的潜在向量（0：直接投影）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="355"/>
        <source>r_kv: keys and values come up from one shared latent this wide (multi-head latent attention; 0: ordinary attention)</source>
        <translation>r_kv：键和值由同一个该宽度的共享潜在向量升维得到（多头潜在注意力；0：普通注意力）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="396"/>
        <source>Tensor parallel</source>
        <translation>张量并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="397"/>
        <source>TP: each layer&apos;s matrices split over TP GPUs; must divide the heads</source>
        <translation>TP：每层的矩阵切分到 TP 个 GPU；须整除头数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="403"/>
        <source>Pipeline parallel</source>
        <translation>流水线并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="404"/>
        <source>PP: layers split into PP stages; the bubble costs (PP−1)/(micro-batches·VPP)</source>
        <translation>PP：各层分为 PP 个阶段；气泡开销为 (PP−1)/(微批数·VPP)</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="410"/>
        <source>Data parallel</source>
        <translation>数据并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="411"/>
        <source>DP: model replicas; each takes b/DP sequences per step</source>
        <translation>DP：模型副本数；每个副本每步处理 b/DP 条序列</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="416"/>
        <source>Context parallel</source>
        <translation>上下文并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="417"/>
        <source>CP: each sequence split over CP GPUs (ring attention)</source>
        <translation>CP：每条序列切分到 CP 个 GPU（环形注意力）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="422"/>
        <source>Virtual stages</source>
        <translation>虚拟流水级</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="423"/>
        <source>VPP: interleaved pipeline chunks per GPU; shrinks the bubble by VPP</source>
        <translation>VPP：每个 GPU 上交错的流水线块数；气泡缩小为 1/VPP</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="430"/>
        <source>Sequence parallel</source>
        <translation>序列并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="431"/>
        <source>Shard norms and dropout over TP: all-reduce becomes reduce-scatter + all-gather</source>
        <translation>在 TP 组内切分归一化和 dropout：all-reduce 变为 reduce-scatter + all-gather</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="435"/>
        <source>ZeRO stage</source>
        <translation>ZeRO 阶段</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="436"/>
        <source>0: replicate; 1: shard optimizer; 2: + gradients; 3: + weights (FSDP)</source>
        <translation>0：全部复制；1：切分优化器状态；2：再切分梯度；3：再切分权重（FSDP）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="445"/>
        <source>Expert parallel</source>
        <translation>专家并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="446"/>
        <source>EP: the experts shared out over EP GPUs, tokens sent to them by all-to-all; must divide E and TP·CP·DP</source>
        <translation>EP：专家分布到 EP 个 GPU，token 通过 all-to-all 发送给它们；须整除 E 和 TP·CP·DP</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="454"/>
        <source>Expert tensor parallel</source>
        <translation>专家张量并行</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="455"/>
        <source>ETP: each expert&apos;s matrices split over ETP GPUs, apart from the TP of attention (0: as TP)</source>
        <translation>ETP：每个专家的矩阵切分到 ETP 个 GPU，与注意力的 TP 相互独立（0：同 TP）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="458"/>
        <source>as TP</source>
        <translation>同 TP</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="469"/>
        <source>GPU count</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="470"/>
        <source>G = TP·PP·DP·CP; changing it changes DP</source>
        <translation>G = TP·PP·DP·CP；修改它会改变 DP</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="474"/>
        <source>Recompute</source>
        <translation>重计算</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="475"/>
        <source>none; selective: recompute the attention core; full: recompute every layer&apos;s forward</source>
        <translation>none：不重计算；selective：重计算注意力核心；full：重计算每层的前向</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="479"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="480"/>
        <source>GEMM precision; FP8 runs GEMMs at the FP8 peak and divides MFU by it</source>
        <translation>GEMM 精度；FP8 以 FP8 峰值运行 GEMM，MFU 也以它为分母</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="498"/>
        <source>Peak TFLOP/s</source>
        <translation>峰值 TFLOP/s</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="499"/>
        <source>Dense peak of the chosen precision, TFLOP/s per GPU; MFU divides by it</source>
        <translation>所选精度的稠密峰值，单 GPU TFLOP/s；MFU 以它为分母</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="515"/>
        <source>HBM capacity (GiB)</source>
        <translation>显存容量 (GiB)</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="516"/>
        <source>Memory per GPU, GiB</source>
        <translation>单 GPU 显存，GiB</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="520"/>
        <source>HBM bandwidth (GB/s)</source>
        <translation>显存带宽 (GB/s)</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="521"/>
        <source>Memory bandwidth per GPU, GB/s; bounds element-wise work and skinny GEMMs</source>
        <translation>单 GPU 显存带宽，GB/s；限制逐元素运算和窄 GEMM</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="527"/>
        <source>NVLink (GB/s)</source>
        <translation>NVLink (GB/s)</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="528"/>
        <source>Scale-up link per GPU, one direction, GB/s; carries TP inside a node</source>
        <translation>单 GPU 节点内互联带宽，单向，GB/s；承载节点内的 TP 通信</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="534"/>
        <source>Network (GB/s)</source>
        <translation>网络 (GB/s)</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="535"/>
        <source>Network share per GPU, one direction, GB/s; carries DP and PP across nodes</source>
        <translation>单 GPU 分得的网络带宽，单向，GB/s；承载跨节点的 DP 和 PP 通信</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="554"/>
        <source>Attention kernel</source>
        <translation>注意力算子</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="555"/>
        <source>The kernel of the attention core; fused ones skip the masked half and keep the scores on chip</source>
        <translation>注意力核心所用的算子；融合算子跳过被掩码的一半，并把注意力分数留在片上</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="561"/>
        <source>Elementwise kernels</source>
        <translation>逐元素算子</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="562"/>
        <source>fused: one kernel per norm, activation or rotary; eager: one per operator, norms in FP32 (PyTorch without compile)</source>
        <translation>fused：每个归一化、激活或旋转位置编码一个算子；eager：每个运算一个算子，归一化用 FP32 计算（未编译的 PyTorch）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="568"/>
        <source>TP overlap</source>
        <translation>TP 通信重叠</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="569"/>
        <source>How tensor-parallel collectives hide behind GEMMs (needs sequence parallelism): bulk in the backward, or pipelined in chunks with one exposed</source>
        <translation>张量并行集合通信如何隐藏在 GEMM 之后（需开启序列并行）：在反向中批量重叠，或分块流水化、仅一块未隐藏</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="577"/>
        <source>Overlap DP communication</source>
        <translation>重叠 DP 通信</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="578"/>
        <source>Gradient reduce-scatter during the backward and parameter all-gather during the forward</source>
        <translation>在反向中进行梯度 reduce-scatter，在前向中进行参数 all-gather</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="583"/>
        <source>Gradient reduction</source>
        <translation>梯度归约</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="584"/>
        <source>Type data-parallel gradients are reduced in: BF16 moves half the bytes</source>
        <translation>数据并行梯度归约所用的数据类型：BF16 传输的字节数减半</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="592"/>
        <source>FP8 recipe</source>
        <translation>FP8 方案</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="593"/>
        <source>How FP8 scales are found; current and row scales cost extra passes over the tensors</source>
        <translation>FP8 缩放因子的确定方式；即时缩放和逐行缩放需要额外遍历张量</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="599"/>
        <source>Embedding and loss as stage layers</source>
        <translation>嵌入和损失计入流水级层数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="600"/>
        <source>The first and last pipeline stages hold one layer fewer, for the embedding and the loss</source>
        <translation>首尾两个流水级各少放一层，分别留给嵌入和损失</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="610"/>
        <source>CUDA graphs</source>
        <translation>CUDA 图</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="611"/>
        <source>Kernels replayed from captured graphs: the host no longer issues each one, which matters when per-GPU work is small</source>
        <translation>内核从捕获的图中重放：主机不再逐个发射内核，单卡工作量小时尤为重要</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="619"/>
        <source>Token dispatcher</source>
        <translation>Token 分发器</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="620"/>
        <source>How routed tokens reach their experts&apos; GPUs: NCCL all-to-all, or DeepEP-style kernels that cross to each node once</source>
        <translation>路由后的 token 如何到达其专家所在的 GPU：NCCL all-to-all，或 DeepEP 式算子（每个 token 跨节点只发送一次）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="627"/>
        <source>Overlap expert all-to-all</source>
        <translation>重叠专家 all-to-all</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="628"/>
        <source>Hide the dispatch and combine all-to-alls behind another micro-batch&apos;s compute (DualPipe, Megatron&apos;s EP overlap)</source>
        <translation>将分发与合并的 all-to-all 隐藏在另一个微批的计算之后（DualPipe、Megatron 的 EP 重叠）</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="635"/>
        <source>Force balanced routing</source>
        <translation>强制均衡路由</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="636"/>
        <source>Every expert gets the same number of tokens, as benchmarks force it; off, the busiest EP rank sets the pace</source>
        <translation>每个专家分到相同数量的 token（基准测试常如此强制）；关闭时由最忙的 EP rank 决定速度</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="645"/>
        <source>FLOPs convention</source>
        <translation>FLOPs 口径</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="646"/>
        <source>How model FLOPs are counted: exact sum, 6N, PaLM (6N + 12·L·n·d·s) or Megatron&apos;s closed form</source>
        <translation>模型 FLOPs 的计数方式：精确求和、6N、PaLM（6N + 12·L·n·d·s）或 Megatron 闭式公式</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="651"/>
        <source>Causal counting</source>
        <translation>因果计数</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="652"/>
        <source>Count only the unmasked half of QKᵀ and scores·V, as FlashAttention runs it</source>
        <translation>只计 QKᵀ 和 scores·V 中未被掩码的一半，与 FlashAttention 的实际运算一致</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="662"/>
        <source>Token budget</source>
        <translation>训练 token 总量</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="663"/>
        <source>Tokens to train on; sets days and GPU-hours to train</source>
        <translation>训练的 token 总量；决定训练天数和 GPU 小时</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="668"/>
        <source>Price per GPU-hour</source>
        <translation>每 GPU 小时价格</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="669"/>
        <source>Cost of one GPU for one hour</source>
        <translation>一个 GPU 一小时的费用</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="37"/>
        <location filename="../../src/engine/names.h" line="98"/>
        <source>BF16</source>
        <translation>BF16</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="38"/>
        <source>FP16</source>
        <translation>FP16</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="39"/>
        <source>FP8</source>
        <translation>FP8</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="40"/>
        <source>MXFP8</source>
        <translation>MXFP8</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="41"/>
        <source>NVFP4</source>
        <translation>NVFP4</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="48"/>
        <source>unfused</source>
        <translation>未融合</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="50"/>
        <source>FlashAttention-2</source>
        <translation>FlashAttention-2</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="52"/>
        <source>FlashAttention-3 / cuDNN</source>
        <translation>FlashAttention-3 / cuDNN</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="59"/>
        <source>fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="60"/>
        <source>eager</source>
        <translation>eager</translation>
    </message>
    <message>
        <location filename="../../src/io/scenario_schema.cpp" line="350"/>
        <location filename="../../src/engine/names.h" line="67"/>
        <location filename="../../src/engine/names.h" line="105"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="68"/>
        <source>bulk (backward)</source>
        <translation>批量（反向）</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="70"/>
        <source>pipelined (userbuffers, async TP)</source>
        <translation>流水化（userbuffers、async TP）</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="77"/>
        <source>delayed scaling</source>
        <translation>延迟缩放</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="79"/>
        <source>tensorwise (current scaling)</source>
        <translation>逐张量（即时缩放）</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="80"/>
        <source>rowwise</source>
        <translation>逐行</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="81"/>
        <source>blockwise</source>
        <translation>逐块</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="88"/>
        <source>all-to-all</source>
        <translation>all-to-all</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="90"/>
        <source>flex (DeepEP, HybridEP)</source>
        <translation>flex（DeepEP、HybridEP）</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="97"/>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="106"/>
        <source>selective</source>
        <translation>选择性</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="107"/>
        <source>full</source>
        <translation>完全</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="114"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="115"/>
        <source>6N</source>
        <translation>6N</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="116"/>
        <source>PaLM</source>
        <translation>PaLM</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="117"/>
        <source>Megatron</source>
        <translation>Megatron</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="119"/>
        <source>Megatron-Core</source>
        <translation>Megatron-Core</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="127"/>
        <source>the precision&apos;s peak</source>
        <translation>所选精度的峰值</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="128"/>
        <source>the BF16 peak</source>
        <translation>BF16 峰值</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="135"/>
        <source>all parameters</source>
        <translation>全部参数</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="137"/>
        <source>non-embedding parameters</source>
        <translation>非嵌入参数</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="144"/>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="145"/>
        <source>RMSNorm</source>
        <translation>RMSNorm</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="153"/>
        <source>model TFLOP/s</source>
        <translation>模型 TFLOP/s</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="155"/>
        <source>hardware TFLOP/s</source>
        <translation>硬件 TFLOP/s</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="164"/>
        <source>step time (s)</source>
        <translation>步时间（秒）</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="166"/>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="168"/>
        <source>tokens/s per GPU</source>
        <translation>每 GPU tokens/s</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="170"/>
        <source>samples/s</source>
        <translation>samples/s</translation>
    </message>
    <message>
        <location filename="../../src/engine/names.h" line="172"/>
        <source>TFLOP/s per GPU</source>
        <translation>每 GPU TFLOP/s</translation>
    </message>
</context>
<context>
    <name>mfu::gui</name>
    <message>
        <location filename="../../src/gui/scenario_title.cpp" line="27"/>
        <source>%1, modified</source>
        <translation>%1（已修改）</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_title.cpp" line="29"/>
        <source>%1 layers × %2</source>
        <translation>%1 层 × %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_title.cpp" line="39"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_title.cpp" line="64"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_title.cpp" line="66"/>
        <source>s %1</source>
        <translation>s %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/help_dialogs.cpp" line="46"/>
        <source>&lt;h3&gt;MFU Explorer %1&lt;/h3&gt;&lt;p&gt;The compute cost of training transformer language models: FLOPs by module, step time, memory per GPU and MFU, from one analytic model that shows its derivation.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3.&lt;/p&gt;&lt;p&gt;Built with Qt %2, QCustomPlot %3, nlohmann/json %4 and Eigen.&lt;/p&gt;&lt;p&gt;Device figures come from the vendors&apos; datasheets, each preset naming its source; the time model is calibrated on, and checked against, public training runs (Megatron-LM papers, MosaicML, NeMo and Megatron-Bridge, torchtitan, MLPerf Training), as the README&apos;s Validation section lists them.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MFU Explorer %1&lt;/h3&gt;&lt;p&gt;训练 Transformer 语言模型的计算成本：按模块的 FLOPs、步时、每卡显存与 MFU，均出自同一个展示推导过程的解析模型。&lt;/p&gt;&lt;p&gt;依据 GNU 通用公共许可证第 3 版授权。&lt;/p&gt;&lt;p&gt;基于 Qt %2、QCustomPlot %3、nlohmann/json %4 与 Eigen 构建。&lt;/p&gt;&lt;p&gt;硬件参数取自厂商数据手册，每个预设注明出处；时间模型在公开训练记录（Megatron-LM 论文、MosaicML、NeMo 与 Megatron-Bridge、torchtitan、MLPerf Training）上校准并检验，详见 README 的验证一节。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/help_dialogs.cpp" line="62"/>
        <source>About MFU Explorer</source>
        <translation>关于 MFU Explorer</translation>
    </message>
    <message>
        <location filename="../../src/gui/help_dialogs.cpp" line="78"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../src/gui/help_dialogs.cpp" line="80"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../src/gui/help_dialogs.cpp" line="80"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>mfu::gui::BenchmarkStore</name>
    <message>
        <location filename="../../src/gui/benchmark_store.cpp" line="88"/>
        <source>published runs</source>
        <translation>已发表的训练</translation>
    </message>
</context>
<context>
    <name>mfu::gui::BenchmarksModel</name>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="145"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="146"/>
        <source>Set</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="147"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="148"/>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="149"/>
        <source>Measured step</source>
        <translation>实测单步</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="150"/>
        <source>Measured MFU</source>
        <translation>实测 MFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="151"/>
        <source>Predicted step</source>
        <translation>预测单步</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="152"/>
        <source>Predicted MFU</source>
        <translation>预测 MFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_model.cpp" line="153"/>
        <source>Error</source>
        <translation>误差</translation>
    </message>
</context>
<context>
    <name>mfu::gui::BenchmarksView</name>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="22"/>
        <source>Show the published reference runs</source>
        <translation>显示已发表的参考训练</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="23"/>
        <source>Fit the hardware knobs…</source>
        <translation>拟合硬件参数…</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="25"/>
        <source>Import timings…</source>
        <translation>导入计时数据…</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="26"/>
        <source>Megatron-LM, torchtitan or nanoGPT logs, trainer_state.json, or benchmarks@1 JSON/CSV</source>
        <translation>Megatron-LM、torchtitan 或 nanoGPT 日志，trainer_state.json，或 benchmarks@1 JSON/CSV</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="28"/>
        <source>Clear imported</source>
        <translation>清除已导入</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="29"/>
        <source>Least-squares fit of the efficiency knobs to the imported step times</source>
        <translation>用最小二乘法将效率参数拟合到导入的单步时间</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="30"/>
        <source>Public training runs (Megatron-LM, Llama 3, MosaicML, torchtitan, …) with their sources</source>
        <translation>公开的训练运行（Megatron-LM、Llama 3、MosaicML、torchtitan 等）及其出处</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="61"/>
        <source>Double-click a run to load its scenario</source>
        <translation>双击某次运行以载入其场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="83"/>
        <source>No runs yet: import a training log or a benchmarks file (File ▸ Import Timings, or drop it on the window).</source>
        <translation>还没有运行记录：导入训练日志或基准文件（文件 ▸ 导入计时，或拖放到窗口上）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/benchmarks_view.cpp" line="87"/>
        <source>%n run(s); median |error| of the predicted step time %1</source>
        <translation>
            <numerusform>%n 次运行；预测单步时间的误差中位数 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/gui/benchmarks_view.cpp" line="99"/>
        <source>Load run %1</source>
        <translation>载入运行 %1</translation>
    </message>
</context>
<context>
    <name>mfu::gui::BreakdownView</name>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="66"/>
        <source>Forward FLOPs</source>
        <translation>前向 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="66"/>
        <source>Training FLOPs (×3)</source>
        <translation>训练 FLOPs（×3）</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="66"/>
        <source>Hardware FLOPs (with recompute)</source>
        <translation>硬件 FLOPs（含重计算）</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="68"/>
        <source>Forward pass only, training (forward + backward), or what the GPUs execute including recomputation</source>
        <translation>仅前向、训练（前向 + 反向），或 GPU 实际执行的量（含重计算）</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="73"/>
        <source>&lt;b&gt;FLOPs per module, one step&lt;/b&gt;</source>
        <translation>&lt;b&gt;各模块 FLOPs（单步）&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="121"/>
        <location filename="../../src/gui/breakdown_view.cpp" line="340"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="121"/>
        <location filename="../../src/gui/breakdown_view.cpp" line="340"/>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="121"/>
        <location filename="../../src/gui/breakdown_view.cpp" line="340"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="143"/>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="144"/>
        <source>L × layer + lm_head</source>
        <translation>L × 单层 + lm_head</translation>
    </message>
    <message>
        <location filename="../../src/gui/breakdown_view.cpp" line="323"/>
        <source>Counted GEMM by GEMM. Under the scenario&apos;s convention (%1) the headline counts %2.</source>
        <translation>逐个 GEMM 精确计数。按本场景的口径（%1），顶部指标计为 %2。</translation>
    </message>
</context>
<context>
    <name>mfu::gui::CurvesView</name>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="77"/>
        <source>Global batch b</source>
        <translation>全局批大小 b</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="78"/>
        <source>Sequence length s</source>
        <translation>序列长度 s</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="79"/>
        <source>GPU count</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="80"/>
        <source>Tensor parallel TP</source>
        <translation>张量并行 TP</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="81"/>
        <source>Micro-batch m</source>
        <translation>微批大小 m</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="82"/>
        <source>Hidden h</source>
        <translation>隐藏维度 h</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="83"/>
        <source>What the curve varies; everything else stays as set</source>
        <translation>曲线变化的量；其他参数保持不变</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="87"/>
        <source>&lt;b&gt;Predicted MFU&lt;/b&gt;</source>
        <translation>&lt;b&gt;预测 MFU&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="89"/>
        <source>against</source>
        <translation>横轴</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="99"/>
        <source>utilisation (%)</source>
        <translation>利用率 (%)</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="170"/>
        <source>published runs</source>
        <translation>已发表的训练</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="177"/>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="215"/>
        <source>No curve: %1</source>
        <translation>无曲线：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="231"/>
        <source>MFU, baseline</source>
        <translation>MFU（基线）</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="234"/>
        <source>HFU</source>
        <translation>HFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="235"/>
        <source>MFU</source>
        <translation>MFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="237"/>
        <source>MFU, out of memory</source>
        <translation>MFU（显存不足）</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="249"/>
        <source>this scenario</source>
        <translation>当前场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/curves_view.cpp" line="275"/>
        <source>The time model gives no prediction for this scenario.</source>
        <translation>时间模型无法为该场景给出预测。</translation>
    </message>
</context>
<context>
    <name>mfu::gui::DashboardWidget</name>
    <message>
        <location filename="../../src/gui/dashboard_widget.cpp" line="34"/>
        <source>FLOPs breakdown</source>
        <translation>FLOPs 分解</translation>
    </message>
    <message>
        <location filename="../../src/gui/dashboard_widget.cpp" line="35"/>
        <source>MFU curve</source>
        <translation>MFU 曲线</translation>
    </message>
    <message>
        <location filename="../../src/gui/dashboard_widget.cpp" line="36"/>
        <source>Step time</source>
        <translation>单步时间</translation>
    </message>
    <message>
        <location filename="../../src/gui/dashboard_widget.cpp" line="37"/>
        <source>Memory per GPU</source>
        <translation>每 GPU 显存</translation>
    </message>
</context>
<context>
    <name>mfu::gui::DerivationView</name>
    <message>
        <location filename="../../src/gui/derivation_html.cpp" line="135"/>
        <source>printed in the note %1 · %2</source>
        <translation>笔记 %1 中印刷的形式 · %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="15"/>
        <source>FLOPs derivation: %1</source>
        <translation>FLOPs 推导：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="16"/>
        <source>The design note&apos;s derivation (GPT §2–3, Llama §4) with this scenario&apos;s numbers substituted in every row. FLOPs of one optimizer step — the whole global batch — counted as 2·M·N·K per GEMM; norms, softmax, activations and residual adds are not model FLOPs in any convention.</source>
        <translation>设计笔记中的推导（GPT §2–3，Llama §4），每一行都代入了本场景的数值。计的是一个优化步（整个全局批）的 FLOPs，每个 GEMM 计 2·M·N·K；归一化、softmax、激活函数和残差相加在任何口径下都不算模型 FLOPs。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="21"/>
        <source>Where the note&apos;s printed formula is wrong the corrected one is shown, and the printed one beside it, &lt;span class=&quot;printed&quot;&gt;struck through&lt;/span&gt; with its erratum number.</source>
        <translation>笔记中印刷有误的公式显示为更正后的形式，印刷的形式列在旁边，&lt;span class=&quot;printed&quot;&gt;加删除线&lt;/span&gt;并标出勘误编号。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="24"/>
        <source>Where the note&apos;s printed formula is wrong the corrected one is shown; tick “Show the note&apos;s printed formulas” to see the printed ones beside them.</source>
        <translation>笔记中印刷有误的公式显示为更正后的形式；勾选“显示笔记中印刷的公式”可在旁边查看印刷的形式。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="34"/>
        <source>1. Symbols with today&apos;s values</source>
        <translation>1. 符号及当前取值</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="40"/>
        <source>global batch, sequences</source>
        <translation>全局批大小（序列数）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="42"/>
        <source>sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="43"/>
        <source>hidden size</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="44"/>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="45"/>
        <source>query heads</source>
        <translation>查询头数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="46"/>
        <source>key/value heads</source>
        <translation>键/值头数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="47"/>
        <source>head dim</source>
        <translation>头维度</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="48"/>
        <source>GQA group size</source>
        <translation>GQA 组大小</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="49"/>
        <source>FFN hidden</source>
        <translation>FFN 中间维度</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="50"/>
        <source>vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="51"/>
        <source>micro-batch</source>
        <translation>微批大小</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="70"/>
        <source>%1 = %2 tokens per step; %3 = %4 = %5.</source>
        <translation>%1 = %2，即每步的 token 数；%3 = %4 = %5。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="59"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="77"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="313"/>
        <source>§4.3.1</source>
        <translation>§4.3.1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="78"/>
        <source>erratum 7: r = n/n_kv, so 1/r = n_kv/n</source>
        <translation>勘误 7：r = n/n_kv，所以 1/r = n_kv/n</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="81"/>
        <source>%1 (%2), so %3 is written %4 and %5 is %6: the note&apos;s forms in h apply below.</source>
        <translation>%1（%2），所以 %3 写作 %4，%5 为 %6：下文适用笔记中以 h 表示的形式。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="87"/>
        <source>%1 here, so the general forms with %2 and %3 are used below.</source>
        <translation>此处 %1，所以下文使用含 %2 和 %3 的一般形式。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="90"/>
        <source>Gated MLP (SwiGLU): three matrices, up, gate and down.</source>
        <translation>门控 MLP（SwiGLU）：up、gate、down 三个矩阵。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="91"/>
        <source>Plain MLP (GeLU): two matrices, up and down.</source>
        <translation>普通 MLP（GeLU）：up、down 两个矩阵。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="92"/>
        <source>The note&apos;s §4 uses %1 for ffn_dim_multiplier (%2); here %1 is the micro-batch. Its “%3” holds only for %4.</source>
        <translation>笔记 §4 用 %1 表示 ffn_dim_multiplier（%2）；此处 %1 是微批大小。笔记中的“%3”仅在 %4 时成立。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="255"/>
        <source>2. Forward FLOPs per module</source>
        <translation>2. 各模块前向 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="256"/>
        <source>Every module but lm_head runs once per layer: the whole model has L of them.</source>
        <translation>除 lm_head 外，每个模块每层运行一次：整个模型共 L 份。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="259"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="260"/>
        <source>GEMM</source>
        <translation>GEMM</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="120"/>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="206"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="261"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="285"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="359"/>
        <source>with today&apos;s numbers</source>
        <translation>代入当前数值</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="121"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="262"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="285"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="359"/>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="239"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="263"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="294"/>
        <source>one layer</source>
        <translation>单层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="264"/>
        <source>all layers</source>
        <translation>全部层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="265"/>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="107"/>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="132"/>
        <source>once</source>
        <translation>一次</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="169"/>
        <source>— the MLP rows above are one dense layer&apos;s; with MLA, q_proj, k_proj and v_proj come up from the latents r_q and r_kv, not from h as their shapes say (their FLOPs are MLA&apos;s); these run in the layers named</source>
        <translation>— 上方 MLP 各行是一个稠密层的；使用 MLA 时，q_proj、k_proj、v_proj 由潜变量 r_q、r_kv 升维而来，而非其形状所写的 h（其 FLOPs 按 MLA 计）；以下各项在所列层中运行</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="172"/>
        <source>— the MLP rows above are one dense layer&apos;s; these run in the layers named</source>
        <translation>— 上方 MLP 各行是一个稠密层的；以下各项在所列层中运行</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="174"/>
        <source>&lt;b&gt;Latent attention, experts, MTP&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;b&gt;潜在注意力、专家、MTP&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="183"/>
        <source>%1 layers</source>
        <translation>%1 层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="193"/>
        <source>&lt;b&gt;Attention&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;— note §2.2 (1), §4.2 (1)&lt;/span&gt;</source>
        <translation>&lt;b&gt;注意力&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;— 笔记 §2.2 (1)，§4.2 (1)&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="205"/>
        <source>causal: the masked half is skipped</source>
        <translation>因果：跳过被掩码的一半</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="220"/>
        <source>&lt;b&gt;MLP&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;— note §2.2 (2), §4.2 (2)&lt;/span&gt;</source>
        <translation>&lt;b&gt;MLP&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;— 笔记 §2.2 (2)，§4.2 (2)&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="223"/>
        <source>h → ĥ</source>
        <translation>h → ĥ</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="229"/>
        <source>§4.2</source>
        <translation>§4.2</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="229"/>
        <source>erratum 4</source>
        <translation>勘误 4</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="230"/>
        <source>ĥ → h</source>
        <translation>ĥ → h</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="237"/>
        <source>&lt;b&gt;Output&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;— note §2.4, §4.2 (3)&lt;/span&gt;</source>
        <translation>&lt;b&gt;输出&lt;/b&gt; &lt;span class=&quot;dim&quot;&gt;— 笔记 §2.4，§4.2 (3)&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="241"/>
        <source>“Vocabulary Embedding FLOPs”</source>
        <translation>“Vocabulary Embedding FLOPs”</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="241"/>
        <source>§2.4</source>
        <translation>§2.4</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="242"/>
        <source>erratum 2: this is the output projection</source>
        <translation>勘误 2：这是输出投影</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="244"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="245"/>
        <source>a lookup: row t of the [V, h] table</source>
        <translation>查表：取 [V, h] 表的第 t 行</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="270"/>
        <source>forward, one step</source>
        <translation>前向，单步</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="284"/>
        <source>Adding up</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="285"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="359"/>
        <source>Line</source>
        <translation>项</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="119"/>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="205"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="285"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="359"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="291"/>
        <source>= %1 for GPT (r = 1, ĥ = 4h, plain MLP), as the note&apos;s §2.3</source>
        <translation>GPT（r = 1，ĥ = 4h，普通 MLP）时 = %1，与笔记 §2.3 一致</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="240"/>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="300"/>
        <source>L layers</source>
        <translation>L 层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="304"/>
        <source>lm_head, once</source>
        <translation>lm_head，一次</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="310"/>
        <source>whole model, forward</source>
        <translation>整模型，前向</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="312"/>
        <source>§2.5</source>
        <translation>§2.5</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="312"/>
        <source>erratum 1</source>
        <translation>勘误 1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="314"/>
        <source>erratum 5: lm_head runs once, not per layer</source>
        <translation>勘误 5：lm_head 只运行一次，不是每层一次</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="353"/>
        <source>3. Training: forward, backward and recomputation</source>
        <translation>3. 训练：前向、反向与重计算</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="354"/>
        <source>Every GEMM %1 of the forward pass costs two in the backward pass: %2 (dgrad) and %3 (wgrad), each as large as the forward one.</source>
        <translation>前向中的每个 GEMM %1 在反向中对应两个：%2（dgrad）和 %3（wgrad），各与前向的一样大。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="361"/>
        <source>forward F</source>
        <translation>前向 F</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="362"/>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="366"/>
        <source>training (model FLOPs, exact)</source>
        <translation>训练（模型 FLOPs，精确）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="328"/>
        <source>recompute: none</source>
        <translation>重计算：none</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="329"/>
        <source>nothing runs twice</source>
        <translation>没有运算执行两次</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="334"/>
        <source>recompute: selective</source>
        <translation>重计算：selective</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="336"/>
        <source>the attention core again</source>
        <translation>再算一遍注意力核心</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="341"/>
        <source>recompute: full</source>
        <translation>重计算：full</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="344"/>
        <source>every layer&apos;s forward again, not lm_head</source>
        <translation>每层的前向再算一遍，不含 lm_head</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="373"/>
        <source>hardware FLOPs</source>
        <translation>硬件 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_sum.cpp" line="381"/>
        <source>MFU counts model FLOPs, HFU hardware FLOPs. The note&apos;s §3.2 “about 4× with recomputation” is full recomputation; selective recomputation adds only the attention core.</source>
        <translation>MFU 计模型 FLOPs，HFU 计硬件 FLOPs。笔记 §3.2 中“重计算时约为 4 倍”指完全重计算；选择性重计算只多算注意力核心。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="114"/>
        <source>4. Closed forms against the exact sum</source>
        <translation>4. 闭式公式与精确求和对比</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="115"/>
        <source>Training FLOPs of one step. None of the closed forms halves the attention core, so each is compared with the exact sum counting full attention.</source>
        <translation>单步训练 FLOPs。所有闭式公式都不把注意力核心减半，因此都与按完整注意力计的精确求和比较。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="118"/>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="122"/>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="154"/>
        <source>vs exact</source>
        <translation>相对精确值</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="93"/>
        <source>N = all parameters</source>
        <translation>N = 全部参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="94"/>
        <source>N = non-embedding parameters</source>
        <translation>N = 非嵌入参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="123"/>
        <source>exact sum</source>
        <translation>精确求和</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="125"/>
        <source>full attention (this scenario is causal)</source>
        <translation>完整注意力（本场景为因果计数）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="42"/>
        <source>note §3.3</source>
        <translation>笔记 §3.3</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="45"/>
        <source>exact when d = h/n, r = 1, ĥ = 4h and the MLP is plain</source>
        <translation>当 d = h/n、r = 1、ĥ = 4h 且 MLP 为普通结构时精确</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="46"/>
        <source>for h ≫ s: Total ≈ 72bsh²L(…)</source>
        <translation>当 h ≫ s：Total ≈ 72bsh²L(…)</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="46"/>
        <source>§3.3</source>
        <translation>§3.3</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="47"/>
        <source>erratum 3: exact for GPT shapes, h ≫ s is not needed</source>
        <translation>勘误 3：对 GPT 形状精确成立，不需要 h ≫ s</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="53"/>
        <source>note §4.3.1, corrected</source>
        <translation>笔记 §4.3.1，已更正</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="56"/>
        <source>training FLOPs, not forward; exact when d = h/n and the MLP is gated</source>
        <translation>是训练 FLOPs 而非前向；当 d = h/n 且 MLP 为门控结构时精确</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="59"/>
        <source>errata 5, 6, 7</source>
        <translation>勘误 5、6、7</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="65"/>
        <source>the note&apos;s §4.4 example</source>
        <translation>笔记 §4.4 的例子</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="70"/>
        <source>printed in the note §4.4 · erratum 6: m = 4 puts 16 where 3ĥ/2h belongs, and s is dropped (restored here)</source>
        <translation>笔记 §4.4 中印刷的形式 · 勘误 6：m = 4 在 3ĥ/2h 处写成了 16，且漏掉了 s（此处已补回）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="103"/>
        <source>PaLM appendix B</source>
        <translation>PaLM 附录 B</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="133"/>
        <source>Narayanan et al. 2021</source>
        <translation>Narayanan 等 2021</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="143"/>
        <source>5. Conventions side by side</source>
        <translation>5. 各种口径对比</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="144"/>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="144"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="145"/>
        <source>MFU = model FLOPs / (step time × GPUs × peak), at the %1 step time %2 on %3 GPUs × %4. The step time belongs to the run; only the numerator changes with the convention.</source>
        <translation>MFU = 模型 FLOPs / (单步时间 × GPU 数 × 峰值)，此处用%1单步时间 %2，%3 个 GPU × %4。单步时间属于这次运行；随口径变化的只有分子。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="151"/>
        <source>Convention</source>
        <translation>口径</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="152"/>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="153"/>
        <source>model FLOPs / step</source>
        <translation>每步模型 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="155"/>
        <source>MFU</source>
        <translation>MFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="156"/>
        <source>HFU</source>
        <translation>HFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="165"/>
        <source>3·Σ GEMMs, QKᵀ and scores·V halved: FlashAttention skips the masked half</source>
        <translation>3·Σ GEMM，QKᵀ 和 scores·V 减半：FlashAttention 跳过被掩码的一半</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="168"/>
        <source>the note counts all of it (erratum 8)</source>
        <translation>笔记计了全部（勘误 8）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="170"/>
        <source>3·Σ GEMMs, full attention</source>
        <translation>3·Σ GEMM，完整注意力</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="181"/>
        <source>Megatron-LM today: 3·Σ GEMMs, causal, routed experts at top-k, no router</source>
        <translation>当前 Megatron-LM：3·Σ GEMM，因果，路由专家按 top-k 计，不计路由器</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="187"/>
        <source>◀ this scenario</source>
        <translation>◀ 本场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="203"/>
        <source>6. Parameters</source>
        <translation>6. 参数量</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="204"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="207"/>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="220"/>
        <source>attention, per layer</source>
        <translation>注意力，每层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="224"/>
        <source>MLP, per layer</source>
        <translation>MLP，每层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="228"/>
        <source>two LayerNorms, per layer</source>
        <translation>两个 LayerNorm，每层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="228"/>
        <source>two RMSNorms, per layer</source>
        <translation>两个 RMSNorm，每层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="232"/>
        <source>biases, per layer</source>
        <translation>偏置，每层</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="239"/>
        <source>sum of the above</source>
        <translation>以上之和</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="242"/>
        <source>final norm</source>
        <translation>最终归一化</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="245"/>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="247"/>
        <source>lm_head</source>
        <translation>lm_head</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="245"/>
        <source>tied to the token table</source>
        <translation>与词嵌入表共享</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="249"/>
        <source>non-embedding</source>
        <translation>非嵌入</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="252"/>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="255"/>
        <source>embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_forms.cpp" line="257"/>
        <source>total N</source>
        <translation>总参数 N</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_view.cpp" line="46"/>
        <source>Show the note&apos;s printed formulas</source>
        <translation>显示笔记中印刷的公式</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_view.cpp" line="49"/>
        <source>Adds the design note&apos;s printed forms beside the corrected ones, struck through, with the section they are printed in and their erratum</source>
        <translation>在更正后的公式旁加上设计笔记中印刷的形式，加删除线，并注明所在章节和勘误编号</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_view.cpp" line="94"/>
        <source>FLOPs derivation</source>
        <translation>FLOPs 推导</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_view.cpp" line="95"/>
        <source>The scenario cannot be evaluated: %1</source>
        <translation>无法评估该场景：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_view.cpp" line="97"/>
        <source>Fix the field named above; the derivation returns with valid numbers.</source>
        <translation>修正上面指出的字段后，推导会以有效数值重新显示。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="50"/>
        <source>7. Step time on this stack</source>
        <translation>7. 本软件栈上的步时间</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="52"/>
        <source>Seconds of one optimizer step on the busiest GPU, as the time model prices them on the software stack %1, each term set against the same scenario on the stack of files without a software block (FlashAttention-2, no TP overlap, FP32 gradient reduction). Communication counts only where nothing hides it.</source>
        <translation>最繁忙 GPU 上一个优化器步的秒数，按时间模型在软件栈 %1 上的估算；每一项都与同一场景在无软件栈块文件所用的软件栈（FlashAttention-2、无 TP 通信重叠、FP32 梯度归约）上的值对照。通信只计未被隐藏的部分。</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="56"/>
        <source>given field by field</source>
        <translation>逐字段给定</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="64"/>
        <source>GEMMs, attention</source>
        <translation>GEMM 与注意力</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="65"/>
        <source>attention kernel: %1</source>
        <translation>注意力算子：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="67"/>
        <source>; GEMMs slowed by the SMs the TP overlap holds</source>
        <translation>；TP 通信重叠占用的 SM 使 GEMM 变慢</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="69"/>
        <source>elementwise</source>
        <translation>逐元素</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="70"/>
        <source>kernels: %1</source>
        <translation>算子：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="71"/>
        <source>FP8/FP4 casts</source>
        <translation>FP8/FP4 转换</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="73"/>
        <source>recipe: %1</source>
        <translation>方案：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="74"/>
        <source>block scales of %1</source>
        <translation>%1 的块缩放</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="75"/>
        <source>16-bit GEMMs: no casts</source>
        <translation>16 位 GEMM：无转换</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="76"/>
        <source>recompute</source>
        <translation>重计算</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="77"/>
        <source>TP comm (exposed)</source>
        <translation>TP 通信（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="78"/>
        <source>overlap: %1</source>
        <translation>重叠：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="79"/>
        <source>CP comm (exposed)</source>
        <translation>CP 通信（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="80"/>
        <source>ring steps&apos; fixed costs and what attention does not hide</source>
        <translation>环形各步的固定开销及注意力未能隐藏的部分</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="81"/>
        <source>EP all-to-all (exposed)</source>
        <translation>EP all-to-all（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="82"/>
        <source>dense model: no experts</source>
        <translation>稠密模型：无专家</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="84"/>
        <source>%1 dispatcher, beside the other micro-batch&apos;s compute</source>
        <translation>%1 分发器，与另一个微批的计算并行</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="86"/>
        <source>%1 dispatcher, not overlapped</source>
        <translation>%1 分发器，未重叠</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="87"/>
        <source>host launches</source>
        <translation>主机发射内核</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="88"/>
        <source>CUDA graphs: nothing issued per kernel</source>
        <translation>CUDA 图：无需逐个发射内核</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="90"/>
        <source>the host&apos;s %1 µs a kernel outlast the layers&apos; kernels</source>
        <translation>主机每个内核 %1 µs 的发射慢于各层内核的执行</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="91"/>
        <source>hidden: the layers&apos; kernels outlast the host&apos;s %1 µs a kernel</source>
        <translation>已隐藏：各层内核的执行长于主机每个内核 %1 µs 的发射</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="93"/>
        <source>pipeline bubble</source>
        <translation>流水线气泡</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="94"/>
        <source>(p−1)/(v·m); embedding and loss as stage layers</source>
        <translation>(p−1)/(v·m)；嵌入和损失计入流水级层数</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="95"/>
        <source>(p−1)/(v·m)</source>
        <translation>(p−1)/(v·m)</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="96"/>
        <source>PP sends (exposed)</source>
        <translation>PP 发送（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="97"/>
        <source>only warm-up and flush exposed</source>
        <translation>仅预热与排空阶段未隐藏</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="97"/>
        <source>every send exposed</source>
        <translation>每次发送均未隐藏</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="98"/>
        <source>DP comm (exposed)</source>
        <translation>DP 通信（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="99"/>
        <source>%1, reduced in %2</source>
        <translation>%1，以 %2 归约</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="100"/>
        <source>overlapped</source>
        <translation>已重叠</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="100"/>
        <source>not overlapped</source>
        <translation>未重叠</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="102"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="102"/>
        <source>Adam, memory-bound</source>
        <translation>Adam，受内存带宽限制</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="104"/>
        <source>Term</source>
        <translation>项</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="105"/>
        <source>What sets it here</source>
        <translation>此处由什么决定</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="106"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="108"/>
        <source>without the stack</source>
        <translation>不用此软件栈</translation>
    </message>
    <message>
        <location filename="../../src/gui/derivation_sections_time.cpp" line="119"/>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>mfu::gui::FitDialog</name>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="23"/>
        <source>Apply to the scenario</source>
        <translation>应用到场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="24"/>
        <source>Save as hardware preset…</source>
        <translation>另存为硬件预设…</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="26"/>
        <source>Fit the hardware knobs to the imported runs</source>
        <translation>将硬件参数拟合到导入的运行</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="30"/>
        <source>Knob</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="30"/>
        <source>Before</source>
        <translation>拟合前</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="30"/>
        <source>After</source>
        <translation>拟合后</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="49"/>
        <source>Save hardware preset</source>
        <translation>保存硬件预设</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="49"/>
        <source>Preset id (a-z, 0-9, . _ -):</source>
        <translation>预设标识（a-z、0-9、. _ -）：</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="55"/>
        <source>Cannot save the preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="58"/>
        <source>Preset saved</source>
        <translation>预设已保存</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="59"/>
        <source>Saved %1; the hardware presets list it as %2.</source>
        <translation>已保存 %1；硬件预设中列为 %2。</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="89"/>
        <source>No fit: %1</source>
        <translation>无法拟合：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/fit_dialog.cpp" line="97"/>
        <source>%n run(s). Median |error| of the predicted step time: &lt;b&gt;%1&lt;/b&gt; before, &lt;b&gt;%2&lt;/b&gt; after.</source>
        <translation>
            <numerusform>%n 次运行。预测单步时间的 |误差| 中位数：拟合前 &lt;b&gt;%1&lt;/b&gt;，拟合后 &lt;b&gt;%2&lt;/b&gt;。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="107"/>
        <source>At a physical limit: %1. The runs ask for more than these knobs can give; the model lacks a term for them.</source>
        <translation>已达物理极限：%1。这些运行需要的超出了这些参数所能提供的；模型缺少相应的项。</translation>
    </message>
    <message>
        <location filename="../../src/gui/fit_dialog.cpp" line="134"/>
        <source>Apply fitted knobs</source>
        <translation>应用拟合参数</translation>
    </message>
</context>
<context>
    <name>mfu::gui::HeadlineStrip</name>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="45"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="45"/>
        <source>Tokens / step</source>
        <translation>每步 token</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="45"/>
        <source>Model FLOPs / step</source>
        <translation>每步模型 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="46"/>
        <source>Step time</source>
        <translation>单步时间</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="46"/>
        <source>MFU</source>
        <translation>MFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="46"/>
        <source>HFU</source>
        <translation>HFU</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="47"/>
        <source>TFLOP/s per GPU</source>
        <translation>每 GPU TFLOP/s</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="47"/>
        <source>Memory / GPU</source>
        <translation>每 GPU 显存</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="47"/>
        <source>Time to train</source>
        <translation>训练时长</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="48"/>
        <source>GPU-hours</source>
        <translation>GPU 小时</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="48"/>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="103"/>
        <source>Δ: change against the pinned baseline (View ▸ Pin as Baseline)</source>
        <translation>Δ：相对于固定基线的变化（视图 ▸ 固定为基线）</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="112"/>
        <source>Training FLOPs of one optimizer step under the chosen convention</source>
        <translation>按所选口径计算的单个优化步训练 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="113"/>
        <source>Model FLOPs per second over the peak of all GPUs</source>
        <translation>每秒模型 FLOPs 与全部 GPU 峰值之比</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="114"/>
        <source>Like MFU, counting recomputed FLOPs too</source>
        <translation>与 MFU 相同，但计入重计算的 FLOPs</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="115"/>
        <source>Busiest GPU against usable HBM</source>
        <translation>最繁忙 GPU 对比可用显存</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="73"/>
        <location filename="../../src/gui/headline_strip.cpp" line="225"/>
        <source>invalid scenario</source>
        <translation>场景无效</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="81"/>
        <location filename="../../src/gui/headline_strip.cpp" line="250"/>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="83"/>
        <location filename="../../src/gui/headline_strip.cpp" line="253"/>
        <source>at %1/GPU-h</source>
        <translation>按 %1/GPU 小时</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="77"/>
        <location filename="../../src/gui/headline_strip.cpp" line="259"/>
        <source>measured %1</source>
        <translation>实测 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="109"/>
        <source>All parameters, embeddings included; for a mixture of experts, also those one token runs through (its k routed experts and everything else)</source>
        <translation>全部参数，含词嵌入；混合专家模型另示单个 token 经过的激活参数（其 k 个路由专家及其余全部）</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="177"/>
        <source>%1 (%2 active)</source>
        <translation>%1（激活 %2）</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="264"/>
        <source>of %1 usable</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/headline_strip.cpp" line="80"/>
        <location filename="../../src/gui/headline_strip.cpp" line="266"/>
        <source>exceeds %1 usable</source>
        <translation>超出可用 %1</translation>
    </message>
</context>
<context>
    <name>mfu::gui::MainWindow</name>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="88"/>
        <source>⚠ User presets not loaded: %1</source>
        <translation>⚠ 未能加载的用户预设：%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="92"/>
        <source>User presets not loaded</source>
        <translation>用户预设未能加载</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="93"/>
        <source>These files in %1 were skipped; the built-in presets stand in for any they would have replaced.</source>
        <translation>%1 中的这些文件已跳过；它们原本要替换的内置预设仍然有效。</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="123"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="133"/>
        <source>&amp;Parameters</source>
        <translation>参数(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="138"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="153"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="154"/>
        <source>Derivation</source>
        <translation>推导</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="157"/>
        <source>Benchmarks</source>
        <translation>基准数据</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="161"/>
        <source>Import Timings</source>
        <translation>导入计时数据</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="162"/>
        <source>Training logs and benchmarks (*.log *.txt *.json *.csv);;All files (*)</source>
        <translation>训练日志和基准数据 (*.log *.txt *.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="181"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="183"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="200"/>
        <source>Open Scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="240"/>
        <source>Cannot open scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="241"/>
        <location filename="../../src/gui/mainwindow.cpp" line="289"/>
        <location filename="../../src/gui/mainwindow.cpp" line="427"/>
        <location filename="../../src/gui/mainwindow.cpp" line="530"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="246"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="260"/>
        <source>The last session could not be restored (%1); it is kept until the scenario is changed.</source>
        <translation>无法恢复上次的会话（%1）；在更改场景之前会保留它。</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="274"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="275"/>
        <source>The scenario “%1” has changes. Save them?</source>
        <translation>场景“%1”有未保存的更改。是否保存？</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="288"/>
        <source>Cannot save scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="294"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="300"/>
        <source>Save Scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="312"/>
        <source>%1[*] — MFU Explorer</source>
        <translation>%1[*] — MFU Explorer</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="348"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="348"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="355"/>
        <source>Copied the headline and breakdown as Markdown</source>
        <translation>已复制概要与分解（Markdown）</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="395"/>
        <source>dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="404"/>
        <source>PNG image, 2× resolution (*.png)</source>
        <translation>PNG 图像，2 倍分辨率 (*.png)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="405"/>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="406"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="426"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="429"/>
        <source>Export of %1 failed</source>
        <translation>导出 %1 失败</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="432"/>
        <source>Exported %1 to %2</source>
        <translation>已将 %1 导出到 %2</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="438"/>
        <source>Export Dashboard</source>
        <translation>导出仪表板</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="440"/>
        <source>the dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="457"/>
        <location filename="../../src/gui/mainwindow.cpp" line="462"/>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="457"/>
        <source>Chart to export:</source>
        <translation>要导出的图表：</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="464"/>
        <source>the chart “%1”</source>
        <translation>图表“%1”</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="480"/>
        <source>Copied the chart “%1” as a %2×%3 image</source>
        <translation>已将图表“%1”复制为 %2×%3 图像</translation>
    </message>
    <message>
        <location filename="../../src/gui/mainwindow.cpp" line="529"/>
        <source>Cannot import timings</source>
        <translation>无法导入计时数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/gui/mainwindow.cpp" line="534"/>
        <source>Imported %n run(s) from %1</source>
        <translation>
            <numerusform>已从 %1 导入 %n 次运行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mfu::gui::ParameterPanel</name>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="76"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="77"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="78"/>
        <source>Parallel layout</source>
        <translation>并行布局</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="79"/>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="80"/>
        <source>Software stack</source>
        <translation>软件栈</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="81"/>
        <source>Counting</source>
        <translation>计数方式</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="82"/>
        <source>Planning</source>
        <translation>训练规划</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="114"/>
        <source>The scenario&apos;s name in the title, the Derivation, exports and saved files; empty, it is taken from the scenario&apos;s contents</source>
        <translation>场景名称，用于标题、推导、导出和保存的文件；留空时按场景内容自动命名</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="120"/>
        <source>Name from the contents</source>
        <translation>按内容命名</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="120"/>
        <source>Rename scenario</source>
        <translation>重命名场景</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="125"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="156"/>
        <source>Load a model shape; editing a field marks it modified</source>
        <translation>加载模型结构；修改任一字段会标记为已修改</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="160"/>
        <location filename="../../src/gui/parameter_panel.cpp" line="170"/>
        <location filename="../../src/gui/parameter_panel.cpp" line="181"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="166"/>
        <source>Load an accelerator&apos;s datasheet figures</source>
        <translation>加载加速器的规格参数</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="177"/>
        <source>Load a training stack: its attention kernel, overlaps and FP8 recipe</source>
        <translation>加载训练软件栈：注意力算子、通信重叠和 FP8 方案</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="217"/>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="263"/>
        <source>Toggle %1</source>
        <translation>切换%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="280"/>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="350"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../src/gui/parameter_panel.cpp" line="344"/>
        <source>%1 (modified)</source>
        <translation>%1（已修改）</translation>
    </message>
</context>
<context>
    <name>mfu::gui::ScenarioDocument</name>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="66"/>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="91"/>
        <source>Hold GPU count</source>
        <translation>固定 GPU 数量</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="91"/>
        <source>Release GPU count</source>
        <translation>解除固定 GPU 数量</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="100"/>
        <source>Model preset %1</source>
        <translation>模型预设 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="116"/>
        <source>Hardware preset %1</source>
        <translation>硬件预设 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="127"/>
        <source>Software preset %1</source>
        <translation>软件预设 %1</translation>
    </message>
    <message>
        <location filename="../../src/gui/scenario_document.cpp" line="221"/>
        <source>Measured figure left out: %1</source>
        <translation>已忽略实测数据：%1</translation>
    </message>
</context>
<context>
    <name>mfu::gui::TimeMemoryView</name>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="62"/>
        <source>&lt;b&gt;Step time&lt;/b&gt;</source>
        <translation>&lt;b&gt;单步时间&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="63"/>
        <source>&lt;b&gt;Memory per GPU&lt;/b&gt;</source>
        <translation>&lt;b&gt;每 GPU 显存&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="72"/>
        <source>seconds per step</source>
        <translation>每步秒数</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="73"/>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="107"/>
        <source>pipeline bubble</source>
        <translation>流水线气泡</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="109"/>
        <source>DP comm (exposed)</source>
        <translation>DP 通信（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="99"/>
        <source>GEMMs, attention</source>
        <translation>GEMM 与注意力</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="100"/>
        <source>elementwise</source>
        <translation>逐元素</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="101"/>
        <source>FP8/FP4 casts</source>
        <translation>FP8/FP4 转换</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="102"/>
        <source>recompute</source>
        <translation>重计算</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="103"/>
        <source>TP comm (exposed)</source>
        <translation>TP 通信（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="104"/>
        <source>CP comm (exposed)</source>
        <translation>CP 通信（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="105"/>
        <source>EP all-to-all (exposed)</source>
        <translation>EP all-to-all（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="106"/>
        <source>host launches</source>
        <translation>主机发射内核</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="108"/>
        <source>PP sends (exposed)</source>
        <translation>PP 发送（未隐藏）</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="110"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="131"/>
        <location filename="../../src/gui/time_memory_view.cpp" line="163"/>
        <source>this scenario
%1</source>
        <translation>当前场景
%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="137"/>
        <location filename="../../src/gui/time_memory_view.cpp" line="170"/>
        <source>baseline
%1</source>
        <translation>基线
%1</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="149"/>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="150"/>
        <source>gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="151"/>
        <source>optimizer states</source>
        <translation>优化器状态</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="152"/>
        <source>activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="153"/>
        <source>logits, buffers</source>
        <translation>logits、缓冲区</translation>
    </message>
    <message>
        <location filename="../../src/gui/time_memory_view.cpp" line="190"/>
        <source>usable HBM %1</source>
        <translation>可用显存 %1</translation>
    </message>
</context>
</TS>
