/**
 * NF-e XML as sellers send it to ANYMARKET's `PUT /order/{marketplaceId}/invoice/document` remote.
 * Samples are layout 4.00; tests derive their variants from these with string replacements.
 */

/** remote_pt.yaml's requestBody example-1 of that remote, verbatim: a Bling-issued homologation NF-e, authorised (cStat 100). */
export const NFE_PROC_SPEC_EXAMPLE = `<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00">
<NFe xmlns="http://www.portalfiscal.inf.br/nfe">
<infNFe versao="4.00" Id="NFe41190908328657000194550015624654251041433087">
<ide>
<cUF>41</cUF>
<cNF>04143308</cNF>
<natOp>Venda de mercadorias</natOp>
<mod>55</mod>
<serie>1</serie>
<nNF>562465425</nNF>
<dhEmi>2019-09-11T15:57:56-03:00</dhEmi>
<tpNF>1</tpNF>
<idDest>1</idDest>
<cMunFG>4115200</cMunFG>
<tpImp>1</tpImp>
<tpEmis>1</tpEmis>
<cDV>7</cDV>
<tpAmb>2</tpAmb>
<finNFe>1</finNFe>
<indFinal>1</indFinal>
<indPres>9</indPres>
<procEmi>0</procEmi>
<verProc>Bling 1.0</verProc>
</ide>
<emit>
<CNPJ>08328657000194</CNPJ>
<xNome>Anymarket DB1</xNome>
<enderEmit>
<xLgr>Av. Advogado Horacio Raccanello Filho</xLgr>
<nro>5410</nro>
<xBairro>Novo Centro</xBairro>
<cMun>4115200</cMun>
<xMun>Maringa</xMun>
<UF>PR</UF>
<CEP>87020035</CEP>
<cPais>1058</cPais>
<xPais>Brasil</xPais>
<fone>4430336300</fone>
</enderEmit>
<IE>9038912540</IE>
<CRT>1</CRT>
</emit>
<dest>
<CPF>42159270130</CPF>
<xNome>NF-E EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL</xNome>
<enderDest>
<xLgr>Praca Amabile Giroldo</xLgr>
<nro>100</nro>
<xCpl>maca, area, avo, avo</xCpl>
<xBairro>Zona 04</xBairro>
<cMun>4115200</cMun>
<xMun>Maringa</xMun>
<UF>PR</UF>
<CEP>87014280</CEP>
<cPais>1058</cPais>
<xPais>Brasil</xPais>
<fone>4432202020</fone>
</enderDest>
<indIEDest>9</indIEDest>
<email>ttest.7y5snb2-oge3dcojrgmztcmbt@mail.com</email>
</dest>
<det nItem="1">
<prod>
<cProd>AKCI00990ZPTODAVIDA</cProd>
<cEAN>SEM GTIN</cEAN>
<xProd>NOTA FISCAL EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL</xProd>
<NCM>01029000</NCM>
<CFOP>5102</CFOP>
<uCom>1</uCom>
<qCom>1.0000</qCom>
<vUnCom>160.00</vUnCom>
<vProd>160.00</vProd>
<cEANTrib>SEM GTIN</cEANTrib>
<uTrib>1</uTrib>
<qTrib>1.0000</qTrib>
<vUnTrib>160.00</vUnTrib>
<indTot>1</indTot>
<nItemPed>1</nItemPed>
</prod>
<imposto>
<vTotTrib>25.92</vTotTrib>
<ICMS>
<ICMSSN102>
<orig>0</orig>
<CSOSN>400</CSOSN>
</ICMSSN102>
</ICMS>
<IPI>
<cEnq>301</cEnq>
<IPINT>
<CST>52</CST>
</IPINT>
</IPI>
<PIS>
<PISNT>
<CST>07</CST>
</PISNT>
</PIS>
<COFINS>
<COFINSNT>
<CST>07</CST>
</COFINSNT>
</COFINS>
</imposto>
</det>
<total>
<ICMSTot>
<vBC>0.00</vBC>
<vICMS>0.00</vICMS>
<vICMSDeson>0</vICMSDeson>
<vFCP>0.00</vFCP>
<vBCST>0.00</vBCST>
<vST>0.00</vST>
<vFCPST>0.00</vFCPST>
<vFCPSTRet>0.00</vFCPSTRet>
<vProd>160.00</vProd>
<vFrete>0.00</vFrete>
<vSeg>0.00</vSeg>
<vDesc>0.00</vDesc>
<vII>0.00</vII>
<vIPI>0.00</vIPI>
<vIPIDevol>0.00</vIPIDevol>
<vPIS>0.00</vPIS>
<vCOFINS>0.00</vCOFINS>
<vOutro>0.00</vOutro>
<vNF>160.00</vNF>
<vTotTrib>25.92</vTotTrib>
</ICMSTot>
</total>
<transp>
<modFrete>0</modFrete>
<transporta>
<xNome>DESCONHECIDO</xNome>
</transporta>
<vol>
<pesoL>0.000</pesoL>
<pesoB>0.000</pesoB>
</vol>
</transp>
<cobr>
<fat>
<nFat>562465425</nFat>
<vOrig>160.00</vOrig>
<vDesc>0</vDesc>
<vLiq>160.00</vLiq>
</fat>
<dup>
<nDup>001</nDup>
<dVenc>2019-09-11</dVenc>
<vDup>160.00</vDup>
</dup>
</cobr>
<pag>
<detPag>
<tPag>01</tPag>
<vPag>160.00</vPag>
</detPag>
</pag>
<infAdic>
<infCpl>Total aproximado de tributos: R$ 25,92 (16,20%) Federais R$ 6,72 (4,20%) Estaduais R$ 19,20 (12,00%) . Fonte IBPT.<br /></infCpl>
</infAdic>
<infRespTec>
<CNPJ>01056417000139</CNPJ>
<xContato>Jonatan Fracasso da Silva</xContato>
<email>fiscal@bling.com.br</email>
<fone>05430550479</fone>
</infRespTec>
</infNFe>
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
<SignedInfo>
<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>
<Reference URI="#NFe41190908328657000194550015624654251041433087">
<Transforms>
<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
</Transforms>
<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
<DigestValue>JYjiWB7sFoiM7jQckhdvLsSBpQw=</DigestValue>
</Reference>
</SignedInfo>
<SignatureValue>H6DfZXCiFcypfHAXdaotLTU2hSJxaCCDIEHkU84eioyd4VVSqYu/0FbBAYnmlb5xGbqio59fzlZ2P7OvR4UogYcW32jT95HfuB2wkUxIbCPzI14uEQzm7Sve8NG+0H0Oge1U/vTApeZHcGfVsQiGCRItvDUVuGJ50qPCGONz1BV6yBO9cr9WxtA2AhOklb4uShPrb+08W+LZ2ReYKLND5vJVofEmUE9jU1hgFGm/WM2zMgauKNqgJr2/nlPI13PxyxYZ6QTC7EenkEJdr+L9ziWzN5haFQ7mw2jtVQOwpnU5KQBbfmpyWZKQ9sUDPOrnr9y73iKGrPAf6cvTNEhZAA==</SignatureValue>
<KeyInfo>
<X509Data>
<X509Certificate>MIIHwDCCBaigAwIBAgIIRD0ZAig/4BIwDQYJKoZIhvcNAQELBQAwgYkxCzAJBgNVBAYTAkJSMRMwEQYDVQQKEwpJQ1AtQnJhc2lsMTQwMgYDVQQLEytBdXRvcmlkYWRlIENlcnRpZmljYWRvcmEgUmFpeiBCcmFzaWxlaXJhIHYyMRIwEAYDVQQLEwlBQyBTT0xVVEkxGzAZBgNVBAMTEkFDIFNPTFVUSSBNdWx0aXBsYTAeFw0xOTAyMjgxODA0MTBaFw0yMDAyMjgxNzM1MDBaMIHfMQswCQYDVQQGEwJCUjETMBEGA1UEChMKSUNQLUJyYXNpbDE0MDIGA1UECxMrQXV0b3JpZGFkZSBDZXJ0aWZpY2Fkb3JhIFJhaXogQnJhc2lsZWlyYSB2MjESMBAGA1UECxMJQUMgU09MVVRJMRswGQYDVQQLExJBQyBTT0xVVEkgTXVsdGlwbGExGjAYBgNVBAsTEUNlcnRpZmljYWRvIFBKIEExMTgwNgYDVQQDEy9EQjEgU0lTVEVNQVMgRSBDT05TVUxUT1JJQSBMVERBLjowODMyODY1NzAwMDE5NDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJAMfqYQn+K1ZVA1mikdSoUdeP9JU1zcj9JW30yqcRgHqYeNvVZwSPGSpNBURTpdJq+a2QEUXrqe9xLDCWNbPV6M4Br3cq7JOSc4lC31gt6JxhBXrm9cRQvcu0Kyh7h8DF8aHcFEW2rr8xGXQdiguR3Gs1bgPUdpqRQNQ5nq5oaoGdbIjbRWkNLSV9LXZP/PW6KIRdCMBby4ly7TbEt1WwU2az625TOnlVLL0ISHKdNAcKwtDM53OEq+FXp4nmfO7LULo5IB57Zzj97Xz4wyNyir/9nh1lX3cc/i8AlcTYVPtK1u/h1Id/UZK53mb9yo0FMLRf+nHXI9q7g7AUjZHycCAwEAAaOCAtIwggLOMFQGCCsGAQUFBwEBBEgwRjBEBggrBgEFBQcwAoY4aHR0cDovL2NjZC5hY3NvbHV0aS5jb20uYnIvbGNyL2FjLXNvbHV0aS1tdWx0aXBsYS12MS5wN2IwHQYDVR0OBBYEFGbSSAwEwrPZAgM8DFShvCbMJ+50MAkGA1UdEwQCMAAwHwYDVR0jBBgwFoAUNa4xFPZe0npPWP40qBpnlwrEmwcwXgYDVR0gBFcwVTBTBgZgTAECASYwSTBHBggrBgEFBQcCARY7aHR0cHM6Ly9jY2QuYWNzb2x1dGkuY29tLmJyL2RvY3MvZHBjLWFjLXNvbHV0aS1tdWx0aXBsYS5wZGYwgd4GA1UdHwSB1jCB0zA+oDygOoY4aHR0cDovL2NjZC5hY3NvbHV0aS5jb20uYnIvbGNyL2FjLXNvbHV0aS1tdWx0aXBsYS12MS5jcmwwP6A9oDuGOWh0dHA6Ly9jY2QyLmFjc29sdXRpLmNvbS5ici9sY3IvYWMtc29sdXRpLW11bHRpcGxhLXYxLmNybDBQoE6gTIZKaHR0cDovL3JlcG9zaXRvcmlvLmljcGJyYXNpbC5nb3YuYnIvbGNyL0FDU09MVVRJL2FjLXNvbHV0aS1tdWx0aXBsYS12MS5jcmwwDgYDVR0PAQH/BAQDAgXgMB0GA1UdJQQWMBQGCCsGAQUFBwMCBggrBgEFBQcDBDCBugYDVR0RBIGyMIGvgRhjb250cm9sYWRvcmlhQGRiMS5jb20uYnKgJQYFYEwBAwKgHBMaQUxFWEFORFJFIERBIFNJTFZBIFJFWkVOREWgGQYFYEwBAwOgEBMOMDgzMjg2NTcwMDAxOTSgOAYFYEwBAwSgLxMtMDYxMDE5ODAwMzAwNzQ1Nzk2MzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwoBcGBWBMAQMHoA4TDDAwMDAwMDAwMDAwMDANBgkqhkiG9w0BAQsFAAOCAgEAYTnjjqwxA3Yg4YYBf+tArw2SshV2IXb5IqqmFtRWBiHlIgwwc8VgGsJEM8nJwFX5htPTtySX4RCETTbh/GKBYjp42T+v1udKuDYohoTdm1TrYvarXkFXKqQ6HBzDFtLPo4VfsKbAe/31S5OtYvb536Qtj6e+5S000RH5nCHsfcqgShZHkdLuMpQqjawaCVccfERlK/3iN4S9pYryy+zgeb158rNOKUZU4DVj2yhNO3JKvUmvPuyHpUnAqGA35qZkCSLCPl4AEi4RyjCE5DAwGp20gMF5xXZwZD+rszTzILpXUfyqAjL2uarkSJrhRmXGT7i2cQHzez2HrLzLBI8vgalzk98RcX1GNiQlUueEWH2xseh/nyi3YjOkFIyhzvQuACTs6Ou4xYPW/3xkclNivc44lomEzmT16yZrrxD7AdlH4om1+Hrcr216AiekIO72Ggl2bjKt10vFtb9NlEmrpBq9+KcKbL4v2QNOESHsDQXnxgi0XuECdw3Jkj4X0IYbN8h4RkKvYiCTi5bgLH685XkU2WgGYAtvTAlmIvTlMDhskKv6cmHp5C0b2GPvC8WMncq5bwNqjLDhwH/qSsqsJT7s2qypj+mzokuMpjJ8noVy5LU0on6p5QOnO31mMbYmvHFbhbigl9OHe94liqVnJdChVlQD3j74EelQwZjCrZw=</X509Certificate>
</X509Data>
</KeyInfo>
</Signature>
</NFe>
<protNFe versao="4.00">
<infProt>
<tpAmb>2</tpAmb>
<verAplic>PR-v4_4_9</verAplic>
<chNFe>41190908328657000194550015624654251041433087</chNFe>
<dhRecbto>2019-09-11T15:57:57-03:00</dhRecbto>
<nProt>141190000835627</nProt>
<digVal>JYjiWB7sFoiM7jQckhdvLsSBpQw=</digVal>
<cStat>100</cStat>
<xMotivo>Autorizado o uso da NF-e</xMotivo>
</infProt>
</protNFe>
</nfeProc>`;

/**
 * A production NF-e written with the `nfe:` prefix throughout (and `ds:` for the signature), with an
 * XML declaration: three items over two CFOPs, a company recipient, authorised late (cStat 150).
 * Its key's check digit is SEFAZ's (35 2609 11222333000181 55 002 000012345 1 87654321 4).
 */
export const NFE_PROC_PREFIXED = `<?xml version="1.0" encoding="UTF-8"?>
<nfe:nfeProc xmlns:nfe="http://www.portalfiscal.inf.br/nfe" versao="4.00">
  <nfe:NFe>
    <nfe:infNFe versao="4.00" Id="NFe35260911222333000181550020000123451876543214">
      <nfe:ide>
        <nfe:cUF>35</nfe:cUF>
        <nfe:cNF>87654321</nfe:cNF>
        <nfe:natOp>Venda de mercadoria adquirida de terceiros</nfe:natOp>
        <nfe:mod>55</nfe:mod>
        <nfe:serie>2</nfe:serie>
        <nfe:nNF>12345</nfe:nNF>
        <nfe:dhEmi>2026-09-14T09:30:00-03:00</nfe:dhEmi>
        <nfe:dhSaiEnt>2026-09-14T10:00:00-03:00</nfe:dhSaiEnt>
        <nfe:tpNF>1</nfe:tpNF>
        <nfe:idDest>2</nfe:idDest>
        <nfe:cMunFG>3550308</nfe:cMunFG>
        <nfe:tpImp>1</nfe:tpImp>
        <nfe:tpEmis>1</nfe:tpEmis>
        <nfe:cDV>4</nfe:cDV>
        <nfe:tpAmb>1</nfe:tpAmb>
        <nfe:finNFe>1</nfe:finNFe>
        <nfe:indFinal>0</nfe:indFinal>
        <nfe:indPres>2</nfe:indPres>
        <nfe:indIntermed>1</nfe:indIntermed>
        <nfe:procEmi>0</nfe:procEmi>
        <nfe:verProc>ERP Exemplo 3.2</nfe:verProc>
      </nfe:ide>
      <nfe:emit>
        <nfe:CNPJ>11222333000181</nfe:CNPJ>
        <nfe:xNome>Loja Exemplo Comercio de Utilidades Ltda</nfe:xNome>
        <nfe:enderEmit>
          <nfe:xLgr>Rua Augusta</nfe:xLgr>
          <nfe:nro>1500</nfe:nro>
          <nfe:xBairro>Consolacao</nfe:xBairro>
          <nfe:cMun>3550308</nfe:cMun>
          <nfe:xMun>Sao Paulo</nfe:xMun>
          <nfe:UF>SP</nfe:UF>
          <nfe:CEP>01304001</nfe:CEP>
          <nfe:cPais>1058</nfe:cPais>
          <nfe:xPais>Brasil</nfe:xPais>
        </nfe:enderEmit>
        <nfe:IE>111222333444</nfe:IE>
        <nfe:CRT>3</nfe:CRT>
      </nfe:emit>
      <nfe:dest>
        <nfe:CNPJ>99888777000100</nfe:CNPJ>
        <nfe:xNome>Comercio &amp; Distribuicao Sul Ltda</nfe:xNome>
        <nfe:enderDest>
          <nfe:xLgr>Avenida Borges de Medeiros</nfe:xLgr>
          <nfe:nro>800</nfe:nro>
          <nfe:xBairro>Centro Historico</nfe:xBairro>
          <nfe:cMun>4314902</nfe:cMun>
          <nfe:xMun>Porto Alegre</nfe:xMun>
          <nfe:UF>RS</nfe:UF>
          <nfe:CEP>90020022</nfe:CEP>
          <nfe:cPais>1058</nfe:cPais>
          <nfe:xPais>Brasil</nfe:xPais>
        </nfe:enderDest>
        <nfe:indIEDest>1</nfe:indIEDest>
        <nfe:IE>0960123456</nfe:IE>
      </nfe:dest>
      <nfe:det nItem="1">
        <nfe:prod>
          <nfe:cProd>MP-SKU-101</nfe:cProd>
          <nfe:cEAN>7890000000101</nfe:cEAN>
          <nfe:xProd>Liquidificador 900W</nfe:xProd>
          <nfe:NCM>85094050</nfe:NCM>
          <nfe:CFOP>6102</nfe:CFOP>
          <nfe:uCom>UN</nfe:uCom>
          <nfe:qCom>2.0000</nfe:qCom>
          <nfe:vUnCom>500.0000000000</nfe:vUnCom>
          <nfe:vProd>1000.00</nfe:vProd>
          <nfe:cEANTrib>7890000000101</nfe:cEANTrib>
          <nfe:uTrib>UN</nfe:uTrib>
          <nfe:qTrib>2.0000</nfe:qTrib>
          <nfe:vUnTrib>500.0000000000</nfe:vUnTrib>
          <nfe:indTot>1</nfe:indTot>
        </nfe:prod>
      </nfe:det>
      <nfe:det nItem="2">
        <nfe:prod>
          <nfe:cProd>MP-SKU-102</nfe:cProd>
          <nfe:cEAN>7890000000102</nfe:cEAN>
          <nfe:xProd>Lampada LED 9W</nfe:xProd>
          <nfe:NCM>85395200</nfe:NCM>
          <nfe:CEST>0910500</nfe:CEST>
          <nfe:CFOP>6403</nfe:CFOP>
          <nfe:uCom>UN</nfe:uCom>
          <nfe:qCom>10.0000</nfe:qCom>
          <nfe:vUnCom>20.0000000000</nfe:vUnCom>
          <nfe:vProd>200.00</nfe:vProd>
          <nfe:cEANTrib>7890000000102</nfe:cEANTrib>
          <nfe:uTrib>UN</nfe:uTrib>
          <nfe:qTrib>10.0000</nfe:qTrib>
          <nfe:vUnTrib>20.0000000000</nfe:vUnTrib>
          <nfe:indTot>1</nfe:indTot>
        </nfe:prod>
      </nfe:det>
      <nfe:det nItem="3">
        <nfe:prod>
          <nfe:cProd>MP-SKU-103</nfe:cProd>
          <nfe:cEAN>SEM GTIN</nfe:cEAN>
          <nfe:xProd>Jogo de panos de prato</nfe:xProd>
          <nfe:NCM>63026000</nfe:NCM>
          <nfe:CFOP>6102</nfe:CFOP>
          <nfe:uCom>UN</nfe:uCom>
          <nfe:qCom>1.0000</nfe:qCom>
          <nfe:vUnCom>34.5000000000</nfe:vUnCom>
          <nfe:vProd>34.50</nfe:vProd>
          <nfe:cEANTrib>SEM GTIN</nfe:cEANTrib>
          <nfe:uTrib>UN</nfe:uTrib>
          <nfe:qTrib>1.0000</nfe:qTrib>
          <nfe:vUnTrib>34.5000000000</nfe:vUnTrib>
          <nfe:indTot>1</nfe:indTot>
        </nfe:prod>
      </nfe:det>
      <nfe:total>
        <nfe:ICMSTot>
          <nfe:vBC>1034.50</nfe:vBC>
          <nfe:vICMS>124.14</nfe:vICMS>
          <nfe:vICMSDeson>0.00</nfe:vICMSDeson>
          <nfe:vFCP>0.00</nfe:vFCP>
          <nfe:vBCST>0.00</nfe:vBCST>
          <nfe:vST>0.00</nfe:vST>
          <nfe:vFCPST>0.00</nfe:vFCPST>
          <nfe:vFCPSTRet>0.00</nfe:vFCPSTRet>
          <nfe:vProd>1234.50</nfe:vProd>
          <nfe:vFrete>0.00</nfe:vFrete>
          <nfe:vSeg>0.00</nfe:vSeg>
          <nfe:vDesc>0.00</nfe:vDesc>
          <nfe:vII>0.00</nfe:vII>
          <nfe:vIPI>0.00</nfe:vIPI>
          <nfe:vIPIDevol>0.00</nfe:vIPIDevol>
          <nfe:vPIS>0.00</nfe:vPIS>
          <nfe:vCOFINS>0.00</nfe:vCOFINS>
          <nfe:vOutro>0.00</nfe:vOutro>
          <nfe:vNF>1234.50</nfe:vNF>
        </nfe:ICMSTot>
      </nfe:total>
      <nfe:transp>
        <nfe:modFrete>0</nfe:modFrete>
      </nfe:transp>
      <nfe:pag>
        <nfe:detPag>
          <nfe:tPag>03</nfe:tPag>
          <nfe:vPag>1234.50</nfe:vPag>
        </nfe:detPag>
      </nfe:pag>
    </nfe:infNFe>
    <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
      <ds:SignedInfo>
        <ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
        <ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>
        <ds:Reference URI="#NFe35260911222333000181550020000123451876543214">
          <ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
          <ds:DigestValue>q0Zb3cI6l3h0cT9m1Zy3JbK2d8E=</ds:DigestValue>
        </ds:Reference>
      </ds:SignedInfo>
      <ds:SignatureValue>UmVwbGFjZWQgc2lnbmF0dXJlIHZhbHVlIGZvciBhIHRlc3Qgc2FtcGxl</ds:SignatureValue>
    </ds:Signature>
  </nfe:NFe>
  <nfe:protNFe versao="4.00">
    <nfe:infProt Id="ID135260000123456">
      <nfe:tpAmb>1</nfe:tpAmb>
      <nfe:verAplic>SP_NFE_PL009_V4</nfe:verAplic>
      <nfe:chNFe>35260911222333000181550020000123451876543214</nfe:chNFe>
      <nfe:dhRecbto>2026-09-15T11:02:47-03:00</nfe:dhRecbto>
      <nfe:nProt>135260000123456</nfe:nProt>
      <nfe:digVal>q0Zb3cI6l3h0cT9m1Zy3JbK2d8E=</nfe:digVal>
      <nfe:cStat>150</nfe:cStat>
      <nfe:xMotivo>Autorizado o uso da NF-e, autorizacao fora de prazo</nfe:xMotivo>
    </nfe:infProt>
  </nfe:protNFe>
</nfe:nfeProc>
`;

/** The spec example's signed `<NFe>` alone, as the seller's ERP has it before SEFAZ answers: no protNFe. */
export const NFE_WITHOUT_PROTOCOL = NFE_PROC_SPEC_EXAMPLE.slice(
  NFE_PROC_SPEC_EXAMPLE.indexOf('<NFe '),
  NFE_PROC_SPEC_EXAMPLE.indexOf('</NFe>') + '</NFe>'.length,
);
