[ (true == true) (false == false) (true == false) (true != false) ]
